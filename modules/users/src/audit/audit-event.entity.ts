import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { idColumn, timestampColumn } from '@tenantry/database';

/**
 * A security-relevant change, written in the same transaction as the change. Never holds secrets.
 * Events of an organisation go with it; account-level events (organisationId null) outlive it.
 */
@Entity({ name: 'audit_events' })
@Index('ix_audit_events_organisation_created', ['organisationId', 'createdAt', 'id'])
@Index('ix_audit_events_account_created', ['accountId', 'createdAt'])
export class AuditEventRecord {
  @PrimaryColumn(idColumn)
  id: string;

  @Column({ name: 'account_id', ...idColumn })
  accountId: string;

  @ManyToOne('AccountRecord', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: object;

  @Column({ name: 'organisation_id', ...idColumn, nullable: true })
  organisationId: string | null;

  @ManyToOne('OrganisationRecord', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: object;

  /** Who did it; no foreign key, so the trail survives the actor's deletion. */
  @Column({ name: 'actor_user_id', ...idColumn, nullable: true })
  actorUserId: string | null;

  /** What happened, e.g. "organisation.created", "user.locked". */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'target_id', ...idColumn, nullable: true })
  targetId: string | null;

  /** Non-secret facts about the change (names, counts, old and new values). */
  @Column({ type: 'simple-json' })
  details: Record<string, unknown>;

  @Column({ name: 'created_at', ...timestampColumn })
  createdAt: Date;
}
