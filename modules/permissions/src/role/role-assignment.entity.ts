import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { idColumn, timestampColumn } from '@tenantry/database';
import { RoleRecord } from './role.entity';

/** The one role a user holds in their organisation. */
@Entity({ name: 'role_assignments' })
@Index('ix_role_assignments_role', ['roleId'])
export class RoleAssignmentRecord {
  @PrimaryColumn({ name: 'user_id', ...idColumn })
  userId: string;

  @ManyToOne('UserRecord', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: object;

  @Column({ name: 'role_id', ...idColumn })
  roleId: string;

  @ManyToOne(() => RoleRecord, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'role_id' })
  role?: RoleRecord;

  @Column({ name: 'assigned_at', ...timestampColumn })
  assignedAt: Date;
}
