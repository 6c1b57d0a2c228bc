// 10,000 emails (BENCH_EMAILS) through the notification service: `notify.tell` with raw { email } audiences,
// one `notify.deliver` job per message, the SMTP gateway, a real local SMTP server — which crashes (every
// connection cut, new ones refused) when 30 % have arrived and comes back on the same port OUTAGE_MS later.
// Afterwards every received copy is counted by Message-ID (<outbox id@domain>, the same on every retry):
// delivered, missing and duplicated messages, throughput, and a baseline measured in the same run — the same
// number sent straight through the same gateway (nodemailer's pool) with no database and no queue.
// Runs on PGlite by default, on PostgreSQL with BENCH_DATABASE_URL or TEST_DATABASE_URL. Never fails on a time.
import type { Db } from '../src/kernel/db/db.js';
import { migrate } from '../src/kernel/db/migrate.js';
import { sqlMigrations } from '../src/kernel/db/sql-files.js';
import { PersonalDataCipher } from '../src/kernel/crypto/personal-data.js';
import { addMessages } from '../src/kernel/i18n/i18n.js';
import { JobService } from '../src/kernel/jobs/jobs.service.js';
import { NotifyService } from '../src/kernel/notify/notify.service.js';
import { notifyMessages } from '../src/kernel/notify/notify.messages.js';
import { SmtpGateway } from '../src/kernel/notify/channels/smtp.gateway.js';
import type { OutgoingMessage } from '../src/kernel/notify/gateway.js';
import { freshDatabase, TEST_DATA_KEY } from '../test/support/harness.js';
import { TestSmtpServer } from '../test/support/smtp-server.js';

const FROM = '示例市政务服务 <noreply@shili.gov.cn>';
const POOL = 5;
const OUTAGE_MS = Number(process.env.BENCH_SMTP_OUTAGE_MS ?? 3000);
const TELL_CHUNK = 1000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
const address = (i: number) => `citizen${i}@example.cn`;

export default async function notifyBench() {
  const serverUrl = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  const N = Number(process.env.BENCH_EMAILS ?? 10_000);
  const concurrency = serverUrl ? 8 : 4;
  const smtp = await TestSmtpServer.start();

  // Baseline: the same number of messages straight through the gateway (nodemailer's pool), as many at a time
  // as the job worker runs, with no outbox, no jobs, no database.
  const direct = new SmtpGateway({ url: smtp.url, from: FROM, poolSize: POOL, timeoutMs: 10_000 });
  let next = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < N; i = next++) {
      const msg: OutgoingMessage = { id: `baseline-${i}`, channel: 'email', recipient: address(i), subject: '示例市政务服务通知', body: benchBody(i), template: 'bench.mail', params: {}, locale: 'zh-CN' };
      const r = await direct.send(msg);
      if (r.status !== 'sent') throw new Error(`baseline send failed: ${r.error}`);
    }
  }));
  const baseSeconds = seconds(t0);
  await direct.close();
  smtp.messages.length = 0;

  const fresh = await freshDatabase({ serverUrl, poolSize: concurrency + 4 });
  const db: Db = fresh.db;
  const gateway = new SmtpGateway({ url: smtp.url, from: FROM, poolSize: POOL, timeoutMs: 10_000 });
  const jobs = new JobService(db, { workerId: 'bench', pollMs: 200, concurrency, log: () => {} });
  try {
    await migrate(db, [{ module: 'kernel', migrations: sqlMigrations(new URL('../src/kernel/migrations/', import.meta.url)) }]);
    // No channel budget or quiet hours here (they are measured elsewhere); a quick first retry after the outage.
    const notify = new NotifyService(db, new PersonalDataCipher(TEST_DATA_KEY), { email: gateway }, {
      jobs, settings: { perWindow: { sms: 0, email: 0 }, quietHours: '', retryBaseMs: 1000, maxAttempts: 10 },
    });
    addMessages(notifyMessages);
    addMessages({ 'zh-CN': { 'bench.mail.title': '示例市政务服务通知', 'bench.mail.body': '{name}您好：\n您关注的事项有了新进展，请登录示例市政务服务网查看。\n\n示例市政务服务' } });
    notify.start();
    notify.defineEvent('bench.mail', { category: 'service', channels: ['email'] });
    jobs.start();

    // The caller: N messages in requests of TELL_CHUNK addresses, each request one transaction.
    const started = process.hrtime.bigint();
    for (let from = 0; from < N; from += TELL_CHUNK) {
      const to = Array.from({ length: Math.min(TELL_CHUNK, N - from) }, (_, k) => ({ email: address(from + k) }));
      await db.tx((tx) => notify.tell(tx, { event: 'bench.mail', to, params: { name: '市民' } }));
    }
    const enqueueSeconds = seconds(started);

    // The crash, once 30 % have arrived.
    let crashedAt = -1;
    while (smtp.messages.length < N * 0.3) await sleep(20);
    crashedAt = smtp.messages.length;
    await smtp.stop();
    await sleep(OUTAGE_MS);
    await smtp.restart();

    const deadline = Date.now() + 30 * 60_000;
    let open = N;
    while (Date.now() < deadline) {
      open = (await db.one<{ n: number }>("SELECT count(*)::int AS n FROM notify_outbox WHERE channel = 'email' AND status = 'queued'")).n;
      if (open === 0) break;
      await sleep(200);
    }
    const runSeconds = seconds(started);
    await jobs.stop();

    const ids = await db.query<{ id: string; status: string }>("SELECT id, status FROM notify_outbox WHERE channel = 'email'");
    const expected = new Set(ids.map((r) => `<${r.id}@shili.gov.cn>`));
    const counts = smtp.countsByMessageId();
    const distinct = [...counts.keys()].filter((k) => expected.has(k)).length;
    const copies = smtp.messages.length;
    const repeated = [...counts.values()].filter((c) => c > 1).length;
    const strangers = [...counts.keys()].filter((k) => !expected.has(k)).length;
    const byStatus = ids.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    const retried = (await db.one<{ n: number }>("SELECT count(*)::int AS n FROM jobs WHERE type = 'notify.deliver' AND attempts > 1")).n;

    const baseRate = N / baseSeconds;
    const rate = N / runSeconds;
    console.log(`store: ${db.kind}; SMTP pool ${POOL} connections; worker concurrency ${concurrency}; server down ${OUTAGE_MS} ms after ${crashedAt} messages`);
    console.log(`  ${'gateway straight to the server, no queue (baseline)'.padEnd(58)} ${baseRate.toFixed(0).padStart(7)} msg/s   (${baseSeconds.toFixed(1)} s)`);
    console.log(`  ${`notify.tell → ${N} notify.deliver jobs → SMTP, with the crash`.padEnd(58)} ${rate.toFixed(0).padStart(7)} msg/s   ${(rate / baseRate).toFixed(3)} × baseline   (${runSeconds.toFixed(1)} s; tell took ${enqueueSeconds.toFixed(1)} s)`);
    console.log(`  outbox: ${N} messages, ${JSON.stringify(byStatus)}; ${retried} needed more than one attempt${open ? `; ${open} STILL QUEUED after 30 min` : ''}`);
    console.log(`  received: ${copies} copies, ${distinct} distinct Message-IDs${strangers ? `, ${strangers} unknown` : ''}`);
    console.log(`  delivered: ${distinct}/${N}   missing: ${N - distinct}   duplicates: ${copies - distinct} (copies beyond the first, in ${repeated} messages${copies > distinct ? '; each a 250 lost in the crash, recognisable by its Message-ID' : ''})`);
  } finally {
    await jobs.stop();
    await gateway.close();
    await smtp.close();
    // pg's pool.end() resolves before its sockets have closed, and DROP DATABASE … WITH (FORCE) would then end a
    // connection the pool still listens on (an unhandled 'error'): close, let the sockets go, then drop.
    await db.close();
    await sleep(500);
    fresh.db.close = async () => {};
    await fresh.drop();
  }
}

function benchBody(i: number): string {
  return `市民您好：\n您关注的事项有了新进展（${i}），请登录示例市政务服务网查看。\n\n示例市政务服务`;
}
