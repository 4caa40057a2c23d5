import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { idColumn, timestampColumn } from '../columns';
import { OrganisationRecord } from '../organisations/organisation.entity';

export enum UserStatus {
  INVITED = 'INVITED',
  ACTIVE = 'ACTIVE',
  SUSPENDED = 'SUSPENDED',
  LOCKED = 'LOCKED',
  ARCHIVED = 'ARCHIVED',
}

/** A person who logs in; belongs to one organisation forever. */
@Entity({ name: 'users' })
@Index('ix_users_organisation_created', ['organisationId', 'createdAt', 'id'])
export class UserRecord {
  @PrimaryColumn(idColumn)
  id: string;

  @Column({ name: 'organisation_id', ...idColumn })
  organisationId: string;

  @ManyToOne(() => OrganisationRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationRecord;

  /** The login: case-sensitive (binary collation on MySQL), unique, never changed. */
  @Index('uq_users_username', { unique: true })
  @Column({ type: 'varchar', length: 191 })
  username: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName: string;

  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName: string;

  /** Optional patronymic. */
  @Column({ name: 'middle_name', type: 'varchar', length: 100, nullable: true })
  middleName: string | null;

  /** The name visitors see; defaults to first and last name. */
  @Column({ name: 'screen_name', type: 'varchar', length: 200 })
  screenName: string;

  @Column({ type: 'simple-enum', enum: UserStatus })
  status: UserStatus;

  /** argon2id PHC string; null until the user chose a password. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true })
  passwordHash: string | null;

  /** Consecutive failed logins; the third locks the user. */
  @Column({ name: 'failed_login_count', type: 'int', default: 0 })
  failedLoginCount: number;

  @Column({ name: 'last_login_at', ...timestampColumn, nullable: true })
  lastLoginAt: Date | null;

  @Column({ name: 'created_at', ...timestampColumn })
  createdAt: Date;
}
