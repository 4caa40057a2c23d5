import type { DatabaseSchema } from '@tenantry/database';
import { AuditEventRecord } from './audit/audit-event.entity';
import { InvitationRecord } from './invitation/invitation.entity';
import { mysqlMigrations } from './migrations/mysql';
import { sqliteMigrations } from './migrations/sqlite';
import { SessionRecord } from './session/session.entity';
import { UserTokenRecord } from './user-token/user-token.entity';
import { UserSearchTermRecord } from './user-search/user-search-term.entity';
import { UserRecord } from './user/user.entity';

export * from './audit/audit-event.entity';
export * from './audit/audit.commands';
export * from './invitation/invitation.entity';
export * from './invitation/invitation.queries';
export * from './session/session.entity';
export * from './session/session.queries';
export * from './user-token/single-use-token';
export * from './user-token/user-token.entity';
export * from './user/user.commands';
export * from './user/user.entity';
export * from './user/user.queries';
export * from './user-search/user-search';
export * from './user-search/user-search-term.entity';

/** The tables this module owns: users, their search terms, their sessions, invitations, single-use tokens and the audit trail. */
export const usersTables: DatabaseSchema = {
  entities: [UserRecord, UserSearchTermRecord, SessionRecord, InvitationRecord, UserTokenRecord, AuditEventRecord],
  migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
};
