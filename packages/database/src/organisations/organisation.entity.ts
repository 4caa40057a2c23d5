import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { idColumn, timestampColumn } from '../columns';
import { AccountRecord } from './account.entity';

/** DEFAULT comes with the account, SUB is added by the owner, CUSTOMER is a company customer's login. */
export enum OrganisationKind {
  DEFAULT = 'DEFAULT',
  SUB = 'SUB',
  CUSTOMER = 'CUSTOMER',
}

/** Data-management and privacy settings of one organisation. */
export interface PrivacySettings {
  /** Days chat transcripts are kept; 0 keeps them until deleted by hand. */
  transcriptRetentionDays: number;
  /** Whether the last octet of visitors' IP addresses is dropped before storing. */
  anonymiseVisitorIp: boolean;
}

/** A walled-off part of an account: users, widgets and operator groups belong to exactly one. */
@Entity({ name: 'organisations' })
@Index('uq_organisations_account_name', ['accountId', 'name'], { unique: true })
export class OrganisationRecord {
  @PrimaryColumn(idColumn)
  id: string;

  @Column({ name: 'account_id', ...idColumn })
  accountId: string;

  @ManyToOne(() => AccountRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: AccountRecord;

  @Column({ type: 'simple-enum', enum: OrganisationKind })
  kind: OrganisationKind;

  /** Unique within the account; typed again to confirm deletion. */
  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** Language of the organisation's mails and widgets (ISO 639-1). */
  @Column({ type: 'varchar', length: 8, default: 'en' })
  language: string;

  /** Free-text location, e.g. "Berlin". */
  @Column({ type: 'varchar', length: 120, nullable: true })
  location: string | null;

  /** For CUSTOMER organisations: the organisation that manages this customer. */
  @Column({ name: 'managing_organisation_id', ...idColumn, nullable: true })
  managingOrganisationId: string | null;

  @ManyToOne(() => OrganisationRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'managing_organisation_id' })
  managingOrganisation?: OrganisationRecord;

  @Column({ type: 'simple-json' })
  privacy: PrivacySettings;

  @Column({ name: 'created_at', ...timestampColumn })
  createdAt: Date;
}
