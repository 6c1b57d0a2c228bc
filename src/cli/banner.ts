import type { Config } from '../kernel/config.js';
import type { Kernel } from '../kernel/kernel.js';
import type { DemoContext } from '../kernel/module.js';

/** What a newcomer needs after `npm start`: where to go and how to sign in. */
export function printBanner(config: Config, kernel: Kernel, demo: DemoContext | null) {
  const base = config.publicUrl.replace(/\/$/, '');
  const lines = [
    '',
    '政务平台 Zhengwu is running',
    `  门户网站 Public portal : ${base}/`,
    `  English edition        : ${base}/en/`,
    `  办公系统 Office app    : ${base}/office/`,
    `  API docs (OpenAPI)     : ${base}/api/docs`,
    `  数据库 Database        : ${kernel.db.kind === 'pglite' ? `embedded PGlite in ${config.dataDir}/pglite` : 'PostgreSQL (DATABASE_URL)'}`,
  ];
  if (demo && demo.accounts.length) {
    lines.push('', `演示账号 Demo accounts (password: ${demo.password}; staff enrol an authenticator app (TOTP) at first sign-in):`);
    for (const a of demo.accounts) lines.push(`  ${a.username.padEnd(22)} ${a.role}${a.note ? ` — ${a.note}` : ''}`);
  }
  lines.push('');
  console.log(lines.join('\n'));
}
