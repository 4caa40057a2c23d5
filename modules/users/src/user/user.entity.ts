import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { idColumn, timestampColumn } from '@tenantry/database';

export enum UserStatus {
  INVITED = 'INVITED',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  LOCKED = 'LOCKED',
  ARCHIVED = 'ARCHIVED',
}

/** Where a user is by default after login, and can switch to. */
export enum Availability {
  ONLINE = 'ONLINE',
  AVAILABLE_FOR_CHAT = 'AVAILABLE_FOR_CHAT',
  OFFLINE = 'OFFLINE',
}

/** Per-user settings (docs/product.md#preferences); every notification is on by default. */
export interface UserPreferences {
  landingPage: string;
  defaultAvailability: Availability;
  notifications: Record<string, boolean>;
  signatures: Record<string, string>;
  /** Per channel, the widget (site) the user replies from by default; absent when they pick one each time. */
  defaultReplyAccounts?: Record<string, string>;
}

/** A person who logs in; belongs to one organisation forever. */
@Entity({ name: 'users' })
@Index('ix_users_organisation_created', ['organisationId', 'createdAt', 'id'])
// Counts a users list's matches (docs/product.md#users-and-seats) from the index alone.
@Index('ix_users_organisation_status', ['organisationId', 'status'])
export class UserRecord {
  @PrimaryColumn(idColumn)
  id: string;

  @Column({ name: 'organisation_id', ...idColumn })
  organisationId: string;

  @ManyToOne('OrganisationRecord', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: object;

  /** The login: case-sensitive (binary collation on MySQL), unique, never changed. */
  @Index('uq_users_username', { unique: true })
  @Column({ type: 'varchar', length: 191 })
  username: string;

  /**
   * The confirmed address: the only one links to activate or reset a password are mailed to. Null for a
   * user created without one, as the account's onboarding policy may allow (docs/product.md#onboarding-policy).
   */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  /** An address the user asked to switch to, not yet confirmed from that address; null when none is waiting. */
  @Column({ name: 'pending_email', type: 'varchar', length: 254, nullable: true })
  pendingEmail: string | null;

  /** Null only when the account's onboarding policy made it optional. */
  @Column({ name: 'first_name', type: 'varchar', length: 100, nullable: true })
  firstName: string | null;

  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName: string;

  /** Optional patronymic. */
  @Column({ name: 'middle_name', type: 'varchar', length: 100, nullable: true })
  middleName: string | null;

  /** The name visitors see; defaults to first and last name. */
  @Column({ name: 'screen_name', type: 'varchar', length: 200 })
  screenName: string;

  @Column({ name: 'avatar_url', type: 'varchar', length: 500, nullable: true })
  avatarUrl: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  mobile: string | null;

  /** Interface and mail language: en, de, nl, fr or es. */
  @Column({ type: 'varchar', length: 8, default: 'en' })
  language: string;

  @Column({ type: 'simple-enum', enum: UserStatus })
  status: UserStatus;

  /** When the user was archived; restorable for 30 days from then. */
  @Column({ name: 'archived_at', ...timestampColumn, nullable: true })
  archivedAt: Date | null;

  @Column({ type: 'simple-enum', enum: Availability, default: Availability.OFFLINE })
  availability: Availability;

  @Column({ type: 'simple-json', nullable: true })
  preferences: UserPreferences | null;

  /** Base32 TOTP secret; set by enableTotp, required at login once totpEnabled. */
  @Column({ name: 'totp_secret', type: 'varchar', length: 64, nullable: true })
  totpSecret: string | null;

  @Column({ name: 'totp_enabled', type: 'boolean', default: false })
  totpEnabled: boolean;

  /**
   * The 30-second time step of the last TOTP code accepted for the current secret: a code of this
   * step or an older one is a replay and refused (RFC 6238 §5.2). Null until a code was used.
   */
  @Column({ name: 'totp_last_used_step', type: 'int', nullable: true })
  totpLastUsedStep: number | null;

  /** argon2id PHC string; null until the user chose a password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  /** The password was set by an administrator: until the user changes it, they may do nothing else (docs/product.md#onboarding-policy). */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword: boolean;

  /** Consecutive failed logins; the third locks the user. */
  @Column({ name: 'failed_login_count', type: 'int', default: 0 })
  failedLoginCount: number;

  @Column({ name: 'last_login_at', ...timestampColumn, nullable: true })
  lastLoginAt: Date | null;

  @Column({ name: 'created_at', ...timestampColumn })
  createdAt: Date;

  @Column({ name: 'updated_at', ...timestampColumn })
  updatedAt: Date;
}
