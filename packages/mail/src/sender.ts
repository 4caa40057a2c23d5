import type { DataSource } from '@tenantry/database';
import { IsNull, withTransaction } from '@tenantry/database';
import { OutboxMailRecord } from './outbox-mail.entity';
import type { MailTransport } from './transport';

/** Tuning of a {@link MailSender}; the defaults suit the graph's services. */
export interface MailSenderOptions {
  /** Mails one run picks up at most, so a long queue is worked off in steps. */
  batchSize?: number;
  /** Attempts before a mail is given up; it then stays unsent with its last error for an operator. */
  maxAttempts?: number;
  /** The current time; tests move it forward instead of waiting. */
  clock?: () => Date;
  /** Told when a whole run fails (say the database is away); a failed send is recorded on its row instead. */
  onError?: (error: unknown) => void;
}

/** Attempts after which a mail is given up (kept, with its last error, for an operator to look at). */
export const MAX_SEND_ATTEMPTS = 8;

/** First retry after 5 s, then twice as long each time, never more than an hour. */
const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 60 * 60_000;

/**
 * How long a claimed mail is left to its sender. Longer than any send takes (the SMTP transport
 * times out sooner), so another sender only takes it over when the first one died mid-send.
 */
const CLAIM_MS = 10 * 60_000;

/** `last_error` is a varchar(500), counted in characters on MySQL. */
const MAX_ERROR_LENGTH = 500;

/**
 * Delivers the outbox. Each mail is claimed with a conditional update before it is sent, so any
 * number of senders, in any number of processes, send each mail once; a sender that dies between
 * sending and recording leaves the mail to be sent again after {@link CLAIM_MS}.
 */
export class MailSender {
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly clock: () => Date;
  private readonly onError: (error: unknown) => void;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private started = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: Pick<MailTransport, 'send'>,
    options: MailSenderOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 20;
    this.maxAttempts = options.maxAttempts ?? MAX_SEND_ATTEMPTS;
    this.clock = options.clock ?? (() => new Date());
    this.onError = options.onError ?? ((error) => console.error('mail sender run failed:', error));
  }

  /** Sends the mails due at `now`, oldest first; answers how many went out. */
  async deliverDue(now = this.clock()): Promise<number> {
    const due = await this.dataSource
      .getRepository(OutboxMailRecord)
      .createQueryBuilder('mail')
      .where('mail.sentAt IS NULL AND mail.nextAttemptAt <= :now AND mail.attempts < :maxAttempts', { now, maxAttempts: this.maxAttempts })
      .orderBy('mail.nextAttemptAt')
      .addOrderBy('mail.createdAt')
      // Mails written in the same millisecond: ids are time-ordered (see timeOrderedId), so still oldest first.
      .addOrderBy('mail.id')
      .limit(this.batchSize)
      .getMany();
    let delivered = 0;
    for (const mail of due) {
      if (await this.deliver(mail)) delivered += 1;
    }
    return delivered;
  }

  /**
   * Runs {@link deliverDue} now and then `intervalMs` after each run ends, so runs never overlap.
   * To start again after {@link stop}, wait for `stop()` to resolve first.
   */
  start(intervalMs: number): void {
    if (this.started) return;
    this.started = true;
    const run = (): void => {
      this.running = this.deliverDue()
        .then(() => undefined, this.onError)
        .finally(() => {
          this.running = undefined;
          // Not unref'd: a started sender keeps its process alive until stop().
          if (this.started) this.timer = setTimeout(run, intervalMs);
        });
    };
    run();
  }

  /** Stops the timer and waits for a run in progress, so the database can be closed after it. */
  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async deliver(mail: OutboxMailRecord): Promise<boolean> {
    const attempts = mail.attempts + 1;
    const claimed = await withTransaction(this.dataSource, (manager) =>
      manager.update(OutboxMailRecord, { id: mail.id, attempts: mail.attempts, sentAt: IsNull() }, { attempts, nextAttemptAt: this.later(CLAIM_MS) }),
    );
    if (claimed.affected !== 1) return false;
    try {
      await this.transport.send({ to: mail.toAddress, subject: mail.subject, text: mail.body });
    } catch (error) {
      const retryMs = Math.min(RETRY_BASE_MS * 2 ** (attempts - 1), RETRY_MAX_MS);
      await withTransaction(this.dataSource, (manager) =>
        manager.update(OutboxMailRecord, { id: mail.id }, { lastError: describeError(error), nextAttemptAt: this.later(retryMs) }),
      );
      return false;
    }
    // The body goes once sent: it holds single-use link tokens that must not outlive delivery.
    await withTransaction(this.dataSource, (manager) => manager.update(OutboxMailRecord, { id: mail.id }, { sentAt: this.clock(), body: '' }));
    return true;
  }

  private later(ms: number): Date {
    return new Date(this.clock().getTime() + ms);
  }
}

/**
 * Only the message, on one line and within the column: the stack and the error's other fields are
 * not ours to vet for secrets, and the row is read by operators.
 */
function describeError(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim() || 'unknown error';
  return Array.from(message).slice(0, MAX_ERROR_LENGTH).join('');
}
