import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { idColumn, timestampColumn } from '@tenantry/database';
import { AccountRecord } from '../account/account.entity';

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
@Index('uq_organisations_namespace_name', ['nameNamespace', 'name'], { unique: true })
// Account-keyed queries and the account foreign key (MySQL needs an index for it).
@Index('idx_organisations_account', ['accountId'])
// The owner's pages read the account's organisations in this order (visibility/organisation-visibility.ts).
@Index('ix_organisations_account_created', ['accountId', 'createdAt', 'id'])
// Managers of customers see them through this column, and page through them in this order (visibility/organisation-visibility.ts).
@Index('ix_organisations_managing_created', ['managingOrganisationId', 'createdAt', 'id'])
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

  /** Unique within its namespace (see nameNamespace); typed again to confirm deletion. */
  @Column({ type: 'varchar', length: 120 })
  name: string;

  /**
   * Where the name must be unique, always `nameNamespaceOf(this)`: the account for DEFAULT and SUB
   * organisations, the managing organisation for customers. Customers of different managing
   * organisations may share a name, so nobody learns a customer's name they cannot see by clashing with it.
   */
  @Column({ name: 'name_namespace', ...idColumn })
  nameNamespace: string;

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

/** The namespace an organisation's name is unique in: its managing organisation for a customer, else its account. */
export function nameNamespaceOf(organisation: Pick<OrganisationRecord, 'kind' | 'accountId' | 'managingOrganisationId'>): string {
  return organisation.kind === OrganisationKind.CUSTOMER && organisation.managingOrganisationId ? organisation.managingOrganisationId : organisation.accountId;
}
