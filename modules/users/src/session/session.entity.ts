import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { idColumn, timestampColumn } from '@tenantry/database';
import { UserRecord } from '../user/user.entity';

/** One login: its refresh token rotates, and every rotation stays in the same family. */
@Entity({ name: 'sessions' })
@Index('ix_sessions_user', ['userId'])
@Index('ix_sessions_family', ['familyId'])
export class SessionRecord {
  @PrimaryColumn(idColumn)
  id: string;

  @Column({ name: 'user_id', ...idColumn })
  userId: string;

  @ManyToOne(() => UserRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserRecord;

  /** All sessions born of one login by rotation; reusing a rotated token ends the whole family. */
  @Column({ name: 'family_id', ...idColumn })
  familyId: string;

  /** SHA-256 (hex) of the refresh token; the token itself is never stored. */
  @Index('uq_sessions_refresh_token_hash', { unique: true })
  @Column({ name: 'refresh_token_hash', type: 'varchar', length: 64 })
  refreshTokenHash: string;

  /** The organisation this session acts in (changed by switchOrganisation). */
  @Column({ name: 'active_organisation_id', ...idColumn })
  activeOrganisationId: string;

  @Column({ name: 'expires_at', ...timestampColumn })
  expiresAt: Date;

  /** Set on logout, rotation, or when the user loses access; a revoked session authorises nothing. */
  @Column({ name: 'revoked_at', ...timestampColumn, nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'created_at', ...timestampColumn })
  createdAt: Date;
}
