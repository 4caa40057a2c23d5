import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { idColumn } from '@tenantry/database';
import { OperatorGroupRecord } from './operator-group.entity';

/** A user's membership of an operator group (their inboxes). */
@Entity({ name: 'operator_group_members' })
@Index('ix_operator_group_members_user', ['userId'])
export class OperatorGroupMemberRecord {
  @PrimaryColumn({ name: 'operator_group_id', ...idColumn })
  operatorGroupId: string;

  @ManyToOne(() => OperatorGroupRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'operator_group_id' })
  operatorGroup?: OperatorGroupRecord;

  @PrimaryColumn({ name: 'user_id', ...idColumn })
  userId: string;

  @ManyToOne('UserRecord', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: object;
}
