// A real SMTP server (the `smtp-server` package) for tests and the bench: it stores what it accepts and can
// be told to misbehave the way mail servers do — 421 and 550 replies, a connection dropped in the middle of
// DATA (before or after it stored the message), a server that is down (connection refused) and comes back
// on the same port.
import crypto from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

/**
 * How the server answers one mail transaction:
 * accept · tempfail (421 to RCPT TO, closing) · reject (550 to RCPT TO) · drop-in-data (connection cut while
 * the message arrives; nothing stored) · drop-after-store (message stored, connection cut before the 250:
 * the client cannot know it arrived).
 */
export type SmtpBehaviour = 'accept' | 'tempfail' | 'reject' | 'drop-in-data' | 'drop-after-store';

export interface StoredMail {
  from: string;
  to: string[];
  raw: Buffer;
  messageId: string | undefined;
  queueId: string;
}

export class TestSmtpServer {
  readonly messages: StoredMail[] = [];
  /** Transactions answered so far, with the behaviour each got. */
  readonly transactions: SmtpBehaviour[] = [];
  /** Recipients always refused with 550 (an unknown mailbox). */
  readonly unknownRecipients = new Set<string>();
  private plan: SmtpBehaviour[] = [];
  private readonly current = new WeakMap<SMTPServerSession, SmtpBehaviour>();
  private server: SMTPServer | undefined;
  port = 0;

  private constructor(readonly user: string, readonly pass: string) {}

  static async start(opts: { port?: number; user?: string; pass?: string } = {}): Promise<TestSmtpServer> {
    const s = new TestSmtpServer(opts.user ?? 'zhengwu', opts.pass ?? 'p@ss word');
    await s.listen(opts.port ?? 0);
    return s;
  }

  /** smtp://user:pass@127.0.0.1:port, as SMTP_URL would name it. */
  get url(): string {
    return `smtp://${encodeURIComponent(this.user)}:${encodeURIComponent(this.pass)}@127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return !!this.server;
  }

  /** The next transactions get these behaviours, in order; then every one is accepted again. */
  next(...behaviours: SmtpBehaviour[]): void {
    this.plan.push(...behaviours);
  }

  /** Goes down as a crashed server would: every open connection is cut, new ones are refused. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const c of server.connections) c._socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Comes back on the same port. */
  async restart(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  close(): Promise<void> {
    return this.stop();
  }

  /** How many times each Message-ID arrived (a retried message keeps its Message-ID). */
  countsByMessageId(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.messages) if (m.messageId) counts.set(m.messageId, (counts.get(m.messageId) ?? 0) + 1);
    return counts;
  }

  parse(i = this.messages.length - 1): Promise<ParsedMail> {
    return simpleParser(this.messages[i].raw);
  }

  async waitForMessages(n: number, timeoutMs = 10_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.messages.length < n) {
      if (Date.now() > until) throw new Error(`expected ${n} messages, got ${this.messages.length}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  private async listen(port: number): Promise<void> {
    const server = new SMTPServer({
      name: 'mx.test.invalid',
      logger: false,
      // Plain connection for tests; nodemailer would otherwise upgrade to TLS with the package's self-signed certificate.
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      closeTimeout: 200,
      onAuth: (auth, _session, cb) => {
        if (auth.username === this.user && auth.password === this.pass) return cb(null, { user: auth.username });
        cb(Object.assign(new Error('5.7.8 Authentication credentials invalid'), { responseCode: 535 }));
      },
      onMailFrom: (_address, session, cb) => {
        const behaviour = this.plan.shift() ?? 'accept';
        this.current.set(session, behaviour);
        this.transactions.push(behaviour);
        cb();
      },
      onRcptTo: (address, session, cb) => {
        const behaviour = this.current.get(session);
        if (behaviour === 'tempfail') return cb(Object.assign(new Error('4.3.2 Service temporarily unavailable, try again later'), { responseCode: 421 }));
        if (behaviour === 'reject' || this.unknownRecipients.has(address.address.toLowerCase())) {
          return cb(Object.assign(new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`), { responseCode: 550 }));
        }
        cb();
      },
      onData: (stream, session, cb) => {
        const behaviour = this.current.get(session);
        const socket = [...server.connections].find((c) => c.session === session)?._socket;
        const chunks: Buffer[] = [];
        let cut = false;
        stream.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          // Cut the line as soon as the message has started to arrive.
          if (behaviour === 'drop-in-data' && !cut) {
            cut = true;
            socket?.destroy();
          }
        });
        stream.on('end', () => {
          if (behaviour === 'drop-in-data') return;
          const raw = Buffer.concat(chunks);
          const queueId = crypto.randomBytes(6).toString('hex').toUpperCase();
          this.messages.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw,
            messageId: messageIdOf(raw),
            queueId,
          });
          if (behaviour === 'drop-after-store') return void socket?.destroy();
          cb(null, `2.0.0 Ok: queued as ${queueId}`);
        });
      },
    });
    server.on('error', () => {});
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }
}

/** The Message-ID header of a raw message (headers end at the first empty line). */
export function messageIdOf(raw: Buffer): string | undefined {
  const head = raw.subarray(0, Math.max(0, raw.indexOf('\r\n\r\n')) || raw.length).toString('utf8');
  return /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(head)?.[1];
}
