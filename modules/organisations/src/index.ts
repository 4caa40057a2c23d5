import type { DatabaseSchema } from '@tenantry/database';
import { AccountRecord } from './account/account.entity';
import { EmbedOriginRecord } from './embed/embed-origin.entity';
import { mysqlMigrations } from './migrations/mysql';
import { sqliteMigrations } from './migrations/sqlite';
import { OperatorGroupMemberRecord } from './operator-group/operator-group-member.entity';
import { OperatorGroupRecord } from './operator-group/operator-group.entity';
import { OrganisationRecord } from './organisation/organisation.entity';
import { UserVisibleWidgetRecord } from './widget/user-visible-widget.entity';
import { WidgetRecord } from './widget/widget.entity';

export * from './account/account.commands';
export * from './account/account.entity';
export * from './account/account.queries';
export * from './account/onboarding-policy.queries';
export * from './embed/embed-origin.commands';
export * from './embed/embed-origin.entity';
export * from './embed/embed-origin.queries';
export * from './operator-group/operator-group-member.entity';
export * from './operator-group/operator-group.commands';
export * from './operator-group/operator-group.entity';
export * from './operator-group/operator-group.queries';
export * from './organisation/organisation.commands';
export * from './organisation/organisation.entity';
export * from './organisation/organisation.queries';
export * from './visibility/organisation-visibility';
export * from './visibility/tenant-scope';
export * from './widget/user-visible-widget.entity';
export * from './widget/user-visible-widget.queries';
export * from './widget/widget.commands';
export * from './widget/widget.entity';

/** The tables this module owns: accounts, organisations, what an organisation is made of, and its embed origins. */
export const organisationsTables: DatabaseSchema = {
  entities: [AccountRecord, OrganisationRecord, WidgetRecord, OperatorGroupRecord, OperatorGroupMemberRecord, EmbedOriginRecord, UserVisibleWidgetRecord],
  migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
};
