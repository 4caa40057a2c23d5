import type { DatabaseSchema } from '@tenantry/database';
import { AuditEventRecord } from './audit/audit-event.entity';
import { InvitationRecord } from './invitation/invitation.entity';
import { mysqlMigrations } from './migrations/mysql';
import { sqliteMigrations } from './migrations/sqlite';
import { SessionRecord } from './session/session.entity';
import { UserTokenRecord } from './user-token/user-token.entity';
import { UserRecord } from './user/user.entity';

export * from './audit/audit-event.entity';
export * from './invitation/invitation.entity';
export * from './session/session.entity';
export * from './user-token/user-token.entity';
export * from './user/user.entity';

/** The tables this module owns: users, their sessions, invitations, single-use tokens and the audit trail. */
export const usersTables: DatabaseSchema = {
  entities: [UserRecord, SessionRecord, InvitationRecord, UserTokenRecord, AuditEventRecord],
  migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
};
export * from './user/organisation-users.queries';
export * from './session/live-sessions.queries';
export * from './invitation/pending-invitations.queries';
export * from './audit/audit-trail.commands';
export * from './audit/audit-recording.commands';
export * from './user-token/single-use-token';
export * from './user/organisation-condition';
export * from './user/user-creation.commands';
export * from './user/user-lookup.queries';
export * from './user/seat-count.queries';
export * from './user/password-replacement.commands';
