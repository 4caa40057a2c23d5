import type { EntityManager } from '@tenantry/database';
import { OutboxMailRecord } from './outbox-mail.entity';
import { timeOrderedId } from './time-ordered-id';

/** A mail to send; plain text is enough for activation links and notices. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** The organisation the mail concerns: undelivered mail goes when the organisation is deleted. */
  organisationId?: string | null;
}

/**
 * Writes a mail to the outbox inside the caller's transaction: it is sent only if the change
 * that caused it commits, and a crash after the commit still sends it.
 */
export async function enqueueMail(manager: EntityManager, mail: OutgoingMail): Promise<void> {
  const now = new Date();
  await manager.insert(OutboxMailRecord, {
    id: timeOrderedId(now.getTime()),
    organisationId: mail.organisationId ?? null,
    toAddress: mail.to,
    subject: mail.subject,
    body: mail.text,
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    sentAt: null,
    createdAt: now,
  });
}
