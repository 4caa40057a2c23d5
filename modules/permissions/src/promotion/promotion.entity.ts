import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { idColumn, timestampColumn } from '@tenantry/database';

/** The owner granted a user sight of (and switching into) one more organisation of the account. */
@Entity({ name: 'promotions' })
export class PromotionRecord {
  @PrimaryColumn({ name: 'user_id', ...idColumn })
  userId: string;

  @ManyToOne('UserRecord', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: object;

  @PrimaryColumn({ name: 'organisation_id', ...idColumn })
  organisationId: string;

  @ManyToOne('OrganisationRecord', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisation_id' })
  organisation?: object;

  @Column({ name: 'granted_at', ...timestampColumn })
  grantedAt: Date;
}
