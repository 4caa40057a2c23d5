import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { idColumn, timestampColumn } from '@tenantry/database';

/** A named set of permission keys, built in or custom, defined per organisation. */
@Entity({ name: 'roles' })
@Index('uq_roles_organisation_key', ['organisationId', 'key'], { unique: true })
export class RoleRecord {
  @PrimaryColumn(idColumn)
  id: string;

  @Column({ name: 'organisation_id', ...idColumn })
  organisationId: string;

  @ManyToOne('OrganisationRecord', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: object;

  /** Stable key: OWNER, MANAGER, OPERATOR, ADMINISTRATOR, MODERATOR, MEMBER or a custom one. */
  @Column({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** Built-in roles cannot be deleted or renamed. */
  @Column({ name: 'built_in', type: 'boolean', default: false })
  builtIn: boolean;

  /** Permission keys from the catalog. */
  @Column({ type: 'simple-json' })
  permissions: string[];

  @Column({ name: 'created_at', ...timestampColumn })
  createdAt: Date;
}
