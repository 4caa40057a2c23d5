import type { DataSource } from '@tenantry/database';
import { OutboxMailRecord } from './outbox-mail.entity';
import { MAX_SEND_ATTEMPTS } from './sender';

/** How far behind delivery is, for an operator's metrics. */
export interface OutboxBacklogFigures {
  /** Mails not yet sent and not given up. */
  backlog: number;
  /** Seconds since the oldest mail that is due now was written; 0 when none is due. */
  oldestDueSeconds: number;
}

/** Reads the outbox's backlog (two indexed reads over `ix_mail_outbox_due`). */
export async function outboxBacklog(dataSource: DataSource, now = new Date(), maxAttempts = MAX_SEND_ATTEMPTS): Promise<OutboxBacklogFigures> {
  const pending = () =>
    dataSource.getRepository(OutboxMailRecord).createQueryBuilder('mail').where('mail.sentAt IS NULL AND mail.attempts < :maxAttempts', { maxAttempts });
  const [backlog, oldestDue] = await Promise.all([
    pending().getCount(),
    pending().andWhere('mail.nextAttemptAt <= :now', { now }).orderBy('mail.createdAt').addOrderBy('mail.id').getOne(),
  ]);
  const oldestDueSeconds = oldestDue ? Math.max(0, Math.round((now.getTime() - oldestDue.createdAt.getTime()) / 1000)) : 0;
  return { backlog, oldestDueSeconds };
}
