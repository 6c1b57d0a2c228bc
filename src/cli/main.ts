import { parseArgs } from 'node:util';
import { loadConfig } from '../kernel/config.js';
import { preparePlatform, seedDemo, startPlatform } from '../platform.js';
import { printBanner } from './banner.js';

const USAGE = `zhengwu — the city e-government platform

Usage:
  zhengwu serve [--demo]     start the server (--demo: seed the sample city first if the database is empty)
  zhengwu migrate            apply database migrations and exit
  zhengwu seed --demo        fill the database with the sample city (示例市)
  zhengwu audit verify       check the audit log's SM3 hash chains; names the first altered record
  zhengwu openapi            print the OpenAPI document
  zhengwu search reindex [--source NAME]
                             rebuild the search index from every source (or one); search stays online

Configuration is by environment variables; see README.md.`;

async function main(argv: string[]) {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { demo: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, source: { type: 'string' } } });
  const [command, sub] = positionals;
  const config = loadConfig();
  switch (command) {
    case 'serve': {
      const platform = await startPlatform(config);
      const demo = values.demo ? await seedDemo(platform.kernel) : null;
      await platform.app.listen({ port: config.port, host: config.host });
      printBanner(config, platform.kernel, demo);
      const stop = async () => { await platform.close(); process.exit(0); };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      return;
    }
    case 'migrate': {
      const kernel = await preparePlatform(config);
      console.log(`数据库已是最新结构 (${kernel.db.kind}). Database schema is up to date.`);
      await kernel.db.close();
      return;
    }
    case 'seed': {
      if (!values.demo) throw new Error('only `seed --demo` is available');
      const kernel = await preparePlatform(config);
      const demo = await seedDemo(kernel);
      console.log(`示例市演示数据已就绪 (${demo.accounts.length} demo accounts). Demo data is ready.`);
      await kernel.db.close();
      return;
    }
    case 'audit': {
      if (sub !== 'verify') throw new Error('usage: zhengwu audit verify');
      const kernel = await preparePlatform(config);
      const result = await kernel.audit.verify();
      await kernel.db.close();
      if (result.problems.length === 0) {
        console.log(`审计日志完整：${result.records} 条记录，哈希链校验通过。Audit log intact: ${result.records} records verified.`);
        return;
      }
      const first = result.problems[0];
      console.error(`审计日志被篡改！Audit log tampered: first problem is record id=${first.id ?? '-'} (chain ${first.shard}, seq ${first.seq}): ${first.kind} — ${first.detail}`);
      for (const p of result.problems.slice(1, 20)) console.error(`  also: id=${p.id ?? '-'} chain ${p.shard} seq ${p.seq}: ${p.kind} — ${p.detail}`);
      process.exitCode = 3;
      return;
    }
    case 'search': {
      if (sub !== 'reindex') throw new Error('usage: zhengwu search reindex [--source NAME]');
      const kernel = await preparePlatform(config);
      try {
        const started = Date.now();
        const results = await kernel.search.reindex({
          source: values.source, analyze: true,
          onProgress: (source, n) => { if (n % 10_000 === 0) console.log(`  ${source}: ${n}`); },
        });
        for (const r of results) console.log(`${r.source}: 已索引 ${r.indexed} 条，删除 ${r.removed} 条过期记录。Indexed ${r.indexed}, removed ${r.removed}.`);
        console.log(`搜索索引已重建 (${((Date.now() - started) / 1000).toFixed(1)} s). Search index rebuilt.`);
      } finally {
        await kernel.db.close();
      }
      return;
    }
    case 'openapi': {
      const platform = await startPlatform(config, { server: { logger: false } });
      process.stdout.write(JSON.stringify(platform.app.swagger(), null, 2) + '\n');
      await platform.close();
      return;
    }
    default:
      console.log(USAGE);
      if (command && !values.help) process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
