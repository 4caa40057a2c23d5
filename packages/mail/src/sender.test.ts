import type { DataSource, EntityClass } from '@tenantry/database';
import { openDatabase, withTransaction } from '@tenantry/database';
import { OutboxMailRecord } from './outbox-mail.entity';
import type { TestDatabase } from '@tenantry/testing';
import { createTestDatabase, testDialect } from '@tenantry/testing';
import { enqueueMail } from './outbox';
import { MailSender } from './sender';
import type { MailMessage } from './transport';

/** A transport that keeps what it was given and fails while `failures` holds errors. */
class RecordingTransport {
  readonly sent: MailMessage[] = [];
  failures: Error[] = [];

  async send(message: MailMessage): Promise<void> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(message);
  }
}

/** Every timer API but Date: faking only Date freezes the clock without stalling I/O. */
const REAL_TIMERS: FakeableAPI[] = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'requestAnimationFrame',
  'cancelAnimationFrame',
  'requestIdleCallback',
  'cancelIdleCallback',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
];

describe('mail sender', () => {
  let db: TestDatabase;
  let transport: RecordingTransport;
  let time: Date;
  const clock = () => time;

  const enqueue = (subject: string) =>
    withTransaction(db.dataSource, (manager) => enqueueMail(manager, { to: 'ada@example.com', subject, text: `Body of ${subject}` }));
  const rowOf = (subject: string) => db.dataSource.getRepository(OutboxMailRecord).findOneByOrFail({ subject });
  const after = (ms: number) => new Date(time.getTime() + ms);

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());
  beforeEach(async () => {
    await db.dataSource.getRepository(OutboxMailRecord).createQueryBuilder().delete().execute();
    transport = new RecordingTransport();
    time = new Date();
  });

  it('sends a due mail once and records when it went out', async () => {
    await enqueue('Welcome');
    time = new Date();
    const sender = new MailSender(db.dataSource, transport, { clock });

    expect(await sender.deliverDue()).toBe(1);
    expect(await sender.deliverDue()).toBe(0);

    expect(transport.sent).toEqual([{ to: 'ada@example.com', subject: 'Welcome', text: 'Body of Welcome' }]);
    expect(await rowOf('Welcome')).toMatchObject({ attempts: 1, sentAt: time, lastError: null });
  });

  it('sends the oldest due mails first, one batch per run', async () => {
    for (const subject of ['first', 'second', 'third']) await enqueue(subject);
    time = new Date();
    const sender = new MailSender(db.dataSource, transport, { clock, batchSize: 2 });

    expect(await sender.deliverDue()).toBe(2);
    expect(transport.sent.map((mail) => mail.subject)).toEqual(['first', 'second']);
    expect(await sender.deliverDue()).toBe(1);
    expect(transport.sent.map((mail) => mail.subject)).toEqual(['first', 'second', 'third']);
  });

  it('sends mails written in the same millisecond in the order they were written', async () => {
    const subjects = ['one', 'two', 'three', 'four', 'five', 'six'];
    // Only Date is frozen, so every mail gets the same createdAt and nextAttemptAt; the database driver's timers still run.
    jest.useFakeTimers({ now: Date.now() - 60_000, doNotFake: REAL_TIMERS });
    try {
      for (const subject of subjects) await enqueue(subject);
    } finally {
      jest.useRealTimers();
    }
    time = new Date();
    const sender = new MailSender(db.dataSource, transport, { clock, batchSize: 4 });

    expect(await sender.deliverDue()).toBe(4);
    expect(await sender.deliverDue()).toBe(2);
    expect(transport.sent.map((mail) => mail.subject)).toEqual(subjects);
  });

  it('records a failed send without its stack, backs off exponentially and delivers on a later run', async () => {
    await enqueue('Retry me');
    time = new Date();
    const start = time;
    transport.failures = [new Error(`421 Try again later\n${'x'.repeat(600)}`), new Error('connection reset')];
    const sender = new MailSender(db.dataSource, transport, { clock });

    expect(await sender.deliverDue()).toBe(0);
    const failed = await rowOf('Retry me');
    expect(failed).toMatchObject({ attempts: 1, sentAt: null, nextAttemptAt: new Date(start.getTime() + 5_000) });
    expect(failed.lastError).toHaveLength(500);
    expect(failed.lastError).toMatch(/^421 Try again later x+$/);

    time = new Date(start.getTime() + 4_999);
    expect(await sender.deliverDue()).toBe(0);
    time = new Date(start.getTime() + 5_000);
    expect(await sender.deliverDue()).toBe(0);
    expect(await rowOf('Retry me')).toMatchObject({ attempts: 2, lastError: 'connection reset', nextAttemptAt: after(10_000) });

    time = after(10_000);
    expect(await sender.deliverDue()).toBe(1);
    expect(transport.sent.map((mail) => mail.subject)).toEqual(['Retry me']);
    expect(await rowOf('Retry me')).toMatchObject({ attempts: 3, sentAt: time });
  });

  it('gives a mail up after the last attempt and keeps its error', async () => {
    await enqueue('Bounce');
    transport.failures = [new Error('550 no such mailbox'), new Error('550 no such mailbox')];
    const sender = new MailSender(db.dataSource, transport, { clock, maxAttempts: 2 });

    time = new Date();
    await sender.deliverDue();
    time = after(60_000);
    await sender.deliverDue();
    time = after(24 * 60 * 60_000);
    expect(await sender.deliverDue()).toBe(0);

    expect(transport.sent).toEqual([]);
    expect(await rowOf('Bounce')).toMatchObject({ attempts: 2, sentAt: null, lastError: '550 no such mailbox' });
  });

  it('never sends a mail whose transaction rolled back', async () => {
    await expect(
      withTransaction(db.dataSource, async (manager) => {
        await enqueueMail(manager, { to: 'ada@example.com', subject: 'Ghost', text: 'never' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');

    time = after(60_000);
    expect(await new MailSender(db.dataSource, transport, { clock }).deliverDue()).toBe(0);
    expect(transport.sent).toEqual([]);
    expect(await db.dataSource.getRepository(OutboxMailRecord).count()).toBe(0);
  });

  it('two senders running at once deliver each mail exactly once', async () => {
    const subjects = Array.from({ length: 20 }, (_, index) => `Mail ${index}`);
    for (const subject of subjects) await enqueue(subject);
    time = new Date();
    // On MySQL the second sender has a pool of its own, as a second process would; a process
    // holds one SQLite connection, so there both senders share it.
    const other: DataSource =
      testDialect === 'mysql'
        ? await openDatabase(db.location, { entities: db.dataSource.options.entities as EntityClass[], migrations: { mysql: [], sqlite: [] } })
        : db.dataSource;
    try {
      const senders = [new MailSender(db.dataSource, transport, { clock }), new MailSender(other, transport, { clock })];
      const counts = await Promise.all(senders.map((sender) => sender.deliverDue()));

      expect(counts[0] + counts[1]).toBe(20);
      expect(transport.sent.map((mail) => mail.subject).sort()).toEqual([...subjects].sort());
    } finally {
      if (other !== db.dataSource) await other.destroy();
    }
  });

  it('a sender whose batch went stale skips the mails another sender took meanwhile', async () => {
    for (const subject of ['one', 'two', 'three']) await enqueue(subject);
    time = new Date();
    const other = new MailSender(db.dataSource, transport, { clock });
    let otherRun: Promise<number> | undefined;
    const slow = {
      async send(message: MailMessage) {
        // While the first mail is on its way, another sender works off the rest of this batch.
        otherRun ??= other.deliverDue();
        await otherRun;
        await transport.send(message);
      },
    };

    expect(await new MailSender(db.dataSource, slow, { clock }).deliverDue()).toBe(1);
    expect(await otherRun).toBe(2);
    expect(transport.sent.map((mail) => mail.subject).sort()).toEqual(['one', 'three', 'two']);
  });

  it('start delivers in the background and stop waits for the run in progress', async () => {
    let release = () => {};
    let sending = () => {};
    const begun = new Promise<void>((resolve) => (sending = resolve));
    const gated = {
      async send(message: MailMessage) {
        sending();
        await new Promise<void>((resolve) => (release = resolve));
        await transport.send(message);
      },
    };
    const sender = new MailSender(db.dataSource, gated);
    await enqueue('Background');

    sender.start(10);
    await begun;
    let stopped = false;
    const stopping = sender.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);

    release();
    await stopping;
    expect((await rowOf('Background')).sentAt).not.toBeNull();

    await enqueue('After stop');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(transport.sent.map((mail) => mail.subject)).toEqual(['Background']);
  });
});
