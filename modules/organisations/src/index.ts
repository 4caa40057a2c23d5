import type { DatabaseSchema } from '@tenantry/database';
import { AccountRecord } from './account/account.entity';
import { mysqlMigrations } from './migrations/mysql';
import { sqliteMigrations } from './migrations/sqlite';
import { OperatorGroupMemberRecord } from './operator-group/operator-group-member.entity';
import { OperatorGroupRecord } from './operator-group/operator-group.entity';
import { OrganisationRecord } from './organisation/organisation.entity';
import { UserVisibleWidgetRecord } from './widget/user-visible-widget.entity';
import { WidgetRecord } from './widget/widget.entity';

export * from './account/account.entity';
export * from './account/account.lock';
export * from './operator-group/operator-group-member.entity';
export * from './operator-group/operator-group-membership.queries';
export * from './operator-group/operator-group.entity';
export * from './organisation/organisation.entity';
export * from './widget/widget.entity';
export * from './widget/user-visible-widget.entity';
export * from './visibility/organisation-visibility';
export * from './visibility/tenant-scope';

/** The tables this module owns: accounts, organisations and what an organisation is made of. */
export const organisationsTables: DatabaseSchema = {
  entities: [AccountRecord, OrganisationRecord, WidgetRecord, OperatorGroupRecord, OperatorGroupMemberRecord, UserVisibleWidgetRecord],
  migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
};
export * from './account/account.queries';
export * from './operator-group/operator-group-member.queries';
export * from './operator-group/operator-group.queries';
export * from './organisation/organisation.queries';
export * from './account/account-creation.commands';
export * from './account/account-owner.commands';
export * from './account/account-name.queries';
export * from './organisation/organisation-creation.commands';
export * from './organisation/organisation-account.queries';
export * from './organisation/seat-organisations.queries';
export * from './widget/widget-creation.commands';
export * from './operator-group/operator-group-creation.commands';
export * from './operator-group/operator-group-membership.commands';
export * from './operator-group/first-operator-group.queries';
export * from './visibility/visibility-comparison.queries';
export * from './visibility/visible-organisation.queries';
export * from './account/onboarding-policy.queries';
export * from './widget/user-visible-widget.queries';
