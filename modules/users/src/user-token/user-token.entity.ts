import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { idColumn, timestampColumn } from '@tenantry/database';
import { UserRecord } from '../user/user.entity';

export enum UserTokenPurpose {
  ACTIVATION = 'ACTIVATION',
  PASSWORD_RESET = 'PASSWORD_RESET',
  /** Confirms the user's pending email address; mailed to that address. */
  EMAIL_CHANGE = 'EMAIL_CHANGE',
}

/** A single-use link token (activation, password reset, email change), stored only as its hash. */
@Entity({ name: 'user_tokens' })
@Index('ix_user_tokens_user', ['userId', 'purpose'])
export class UserTokenRecord {
  @PrimaryColumn(idColumn)
  id: string;

  @Column({ name: 'user_id', ...idColumn })
  userId: string;

  @ManyToOne(() => UserRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserRecord;

  @Column({ type: 'simple-enum', enum: UserTokenPurpose })
  purpose: UserTokenPurpose;

  @Index('uq_user_tokens_token_hash', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'expires_at', ...timestampColumn })
  expiresAt: Date;

  @Column({ name: 'used_at', ...timestampColumn, nullable: true })
  usedAt: Date | null;

  @Column({ name: 'created_at', ...timestampColumn })
  createdAt: Date;
}
