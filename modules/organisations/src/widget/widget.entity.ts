import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { idColumn, timestampColumn } from '@tenantry/database';
import { OrganisationRecord } from '../organisation/organisation.entity';

/** A chat widget (site) of an organisation; the first is created with the organisation. */
@Entity({ name: 'widgets' })
@Index('ix_widgets_organisation', ['organisationId'])
export class WidgetRecord {
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
