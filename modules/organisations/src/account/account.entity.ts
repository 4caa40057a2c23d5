import { Column, Entity, PrimaryColumn } from 'typeorm';
import { idColumn, timestampColumn } from '@tenantry/database';

/** A customer of the platform: one owner, one plan, one DEFAULT organisation. */
@Entity({ name: 'accounts' })
export class AccountRecord {
  @PrimaryColumn(idColumn)
  id: string;

  /** Display name, e.g. the company's name. */
  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** Operators the plan allows across the account's own organisations, pending invitations included. */
  @Column({ name: 'seat_limit', type: 'int' })
  seatLimit: number;

  /** The owner; no foreign key, because the owner's user row is created after the account. */
  @Column({ name: 'owner_user_id', ...idColumn, nullable: true })
  ownerUserId: string | null;

  @Column({ name: 'created_at', ...timestampColumn })
  createdAt: Date;
}
