import type { DataSource, DatabaseDialect, DatabaseLocation, DatabaseSchema, MigrationClass } from '@tenantry/database';
import { openDatabase } from '@tenantry/database';
import { mailTables } from '@tenantry/mail';
import { organisationsTables } from '@tenantry/organisations-module';
import { permissionsTables } from '@tenantry/permissions-module';
import { usersTables } from '@tenantry/users-module';
import type { Logger } from 'typeorm';
import { mysqlBaseline } from './migrations/mysql';
import { sqliteBaseline } from './migrations/sqlite';

const modules = [organisationsTables, usersTables, permissionsTables, mailTables];

/** Migrations are named `<Name><timestamp>`; the history runs them by that timestamp, whichever module wrote them. */
function byTimestamp(a: MigrationClass, b: MigrationClass): number {
  const stamp = (migration: MigrationClass) => Number(/(\d{13})$/.exec(migration.name)?.[1]);
  return stamp(a) - stamp(b);
}

function history(dialect: DatabaseDialect, baseline: MigrationClass[]): MigrationClass[] {
  return [...baseline, ...modules.flatMap((module) => module.migrations[dialect]).sort(byTimestamp)];
}

/** The product's one database: every module's tables and one migration history (docs/architecture.md). */
export const productSchema: DatabaseSchema = {
  entities: modules.flatMap((module) => module.entities),
  migrations: { mysql: history('mysql', mysqlBaseline), sqlite: history('sqlite', sqliteBaseline) },
};

/** Connects to the product's database, migrating it when asked: for processes' composition roots and system jobs. */
export function openStore(location: DatabaseLocation, options: { logger?: Logger; migrate?: boolean } = {}): Promise<DataSource> {
  return openDatabase(location, productSchema, options);
}
