import { AccountRecord } from './organisations/account.entity';
import { OrganisationRecord } from './organisations/organisation.entity';
import { UserRecord } from './users/user.entity';
import { SessionRecord } from './users/session.entity';
import { RoleRecord } from './permissions/role.entity';
import { RoleAssignmentRecord } from './permissions/role-assignment.entity';
import { OutboxMailRecord } from './mail/outbox-mail.entity';

/** Every table of the one database; modules own their folders, migrations cover them all. */
export const entities = [
  AccountRecord,
  OrganisationRecord,
  UserRecord,
  SessionRecord,
  RoleRecord,
  RoleAssignmentRecord,
  OutboxMailRecord,
];
