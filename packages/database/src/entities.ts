import { AccountRecord } from './organisations/account.entity';
import { OrganisationRecord } from './organisations/organisation.entity';
import { UserRecord } from './users/user.entity';
import { SessionRecord } from './users/session.entity';
import { RoleRecord } from './permissions/role.entity';
import { RoleAssignmentRecord } from './permissions/role-assignment.entity';
import { OutboxMailRecord } from './mail/outbox-mail.entity';
import { WidgetRecord } from './organisations/widget.entity';
import { OperatorGroupRecord } from './organisations/operator-group.entity';
import { OperatorGroupMemberRecord } from './organisations/operator-group-member.entity';
import { InvitationRecord } from './users/invitation.entity';
import { UserTokenRecord } from './users/user-token.entity';
import { PromotionRecord } from './permissions/promotion.entity';
import { AuditEventRecord } from './audit/audit-event.entity';

/** Every table of the one database; modules own their folders, migrations cover them all. */
export const entities = [
  AccountRecord,
  OrganisationRecord,
  UserRecord,
  SessionRecord,
  RoleRecord,
  RoleAssignmentRecord,
  OutboxMailRecord,
  WidgetRecord,
  OperatorGroupRecord,
  OperatorGroupMemberRecord,
  InvitationRecord,
  UserTokenRecord,
  PromotionRecord,
  AuditEventRecord,
];
