import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { idColumn, timestampColumn } from '@tenantry/database';

/** A mail written in the same transaction as the change that causes it; a sender delivers it later. */
@Entity({ name: 'mail_outbox' })
@Index('ix_mail_outbox_due', ['sentAt', 'nextAttemptAt'])
export class OutboxMailRecord {
  @PrimaryColumn(idColumn)
  id: string;

  /** Organisation the mail concerns: its undelivered mail goes when it is deleted. */
  @Column({ name: 'organisation_id', ...idColumn, nullable: true })
  organisationId: string | null;

  @ManyToOne('OrganisationRecord', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: object;

  @Column({ name: 'to_address', type: 'varchar', length: 254 })
  toAddress: string;

  @Column({ type: 'varchar', length: 255 })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', ...timestampColumn })
  nextAttemptAt: Date;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', ...timestampColumn, nullable: true })
  sentAt: Date | null;

  @Column({ name: 'created_at', ...timestampColumn })
  createdAt: Date;
}
