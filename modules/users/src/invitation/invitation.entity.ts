import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { idColumn, timestampColumn } from '@tenantry/database';
import { UserRecord } from '../user/user.entity';

/** PENDING → ACCEPTED | REVOKED | EXPIRED; nothing else. */
export enum InvitationStatus {
  PENDING = 'PENDING',
  ACCEPTED = 'ACCEPTED',
  REVOKED = 'REVOKED',
  EXPIRED = 'EXPIRED',
}

/** An invitation by email; the invited user exists (status INVITED) from the start. */
@Entity({ name: 'invitations' })
@Index('ix_invitations_organisation_created', ['organisationId', 'createdAt', 'id'])
export class InvitationRecord {
  @PrimaryColumn(idColumn)
  id: string;

  @Column({ name: 'organisation_id', ...idColumn })
  organisationId: string;

  @ManyToOne('OrganisationRecord', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: object;

  /** The invited user; revoking the invitation deletes the user and leaves this null, so REVOKED stays visible. */
  @Column({ name: 'user_id', ...idColumn, nullable: true })
  userId: string | null;

  @ManyToOne(() => UserRecord, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'user_id' })
  user?: UserRecord;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 8 })
  language: string;

  @Column({ name: 'role_key', type: 'varchar', length: 64 })
  roleKey: string;

  @Column({ type: 'simple-enum', enum: InvitationStatus })
  status: InvitationStatus;

  /** SHA-256 of the current link's token; re-sending replaces it, so the old link dies. */
  @Index('uq_invitations_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'expires_at', ...timestampColumn })
  expiresAt: Date;

  @Column({ name: 'invited_by_user_id', ...idColumn, nullable: true })
  invitedByUserId: string | null;

  @Column({ name: 'created_at', ...timestampColumn })
  createdAt: Date;

  @Column({ name: 'updated_at', ...timestampColumn })
  updatedAt: Date;
}
