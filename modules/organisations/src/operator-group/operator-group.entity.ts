import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { idColumn, timestampColumn } from '@tenantry/database';
import { OrganisationRecord } from '../organisation/organisation.entity';

/** An inbox that users are assigned to; the first is created with the organisation. */
@Entity({ name: 'operator_groups' })
@Index('ix_operator_groups_organisation', ['organisationId', 'createdAt'])
export class OperatorGroupRecord {
  @PrimaryColumn(idColumn)
  id: string;

  @Column({ name: 'organisation_id', ...idColumn })
  organisationId: string;

  @ManyToOne(() => OrganisationRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: OrganisationRecord;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ name: 'created_at', ...timestampColumn })
  createdAt: Date;
}
