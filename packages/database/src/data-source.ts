import 'reflect-metadata';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as mysql2 from 'mysql2';
import type { Pool, PoolConnection, PoolOptions } from 'mysql2';
import { createConnection } from 'mysql2/promise';
import type { Logger, MigrationInterface } from 'typeorm';
import { DataSource } from 'typeorm';
import { beginTransactionsImmediately } from './immediate-transactions';

/** Where the data lives: a MySQL URL, or else a SQLite file (":memory:" allowed). */
export interface DatabaseLocation {
  url?: string;
  file?: string;
}

/** How long a SQLite connection waits for another process's write lock. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** The two databases every feature runs on. */
export type DatabaseDialect = 'mysql' | 'sqlite';

/** A TypeORM entity class. */
export type EntityClass = new () => object;

/** A migration class, as scripts/generate-migration.ts writes them. */
export type MigrationClass = new () => MigrationInterface;

/** The tables a database holds and the one migration history that builds them, per dialect. */
export interface DatabaseSchema {
  entities: EntityClass[];
  migrations: Record<DatabaseDialect, MigrationClass[]>;
}

/**
 * mysql2 whose pooled connections run every transaction at READ COMMITTED (withTransaction relies
 * on it): set once per connection when it opens, instead of a `SET TRANSACTION` before every
 * transaction, a round trip each. A connection that cannot be set is destroyed, never used.
 */
const readCommittedMysql2 = {
  ...mysql2,
  createPool(options: PoolOptions): Pool {
    const pool = mysql2.createPool(options);
    // Emitted before the pool hands the new connection out, so this statement runs first on it.
    pool.on('connection', (connection: PoolConnection) =>
      connection.query('SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED', (error: unknown) => {
        if (error) connection.destroy();
      }),
    );
    return pool;
  },
};

/** Builds (without connecting) the data source for a location; migrations match its dialect. */
function createDataSource(
  location: DatabaseLocation,
  schema: DatabaseSchema,
  options: { logger?: Logger; poolSize?: number; mariadb?: boolean } = {},
): DataSource {
  const common = { entities: schema.entities, logger: options.logger, logging: options.logger ? true : false, migrationsTableName: 'migrations' } as const;
  if (location.url) {
    return new DataSource({
      ...common,
      // TypeORM reads column defaults differently on MariaDB; the SQL of the migrations is the same.
      type: options.mariadb ? 'mariadb' : 'mysql',
      connectorPackage: 'mysql2',
      driver: readCommittedMysql2,
      url: location.url,
      timezone: 'Z',
      charset: 'utf8mb4',
      poolSize: options.poolSize ?? 10,
      migrations: schema.migrations.mysql,
    });
  }
  const file = location.file ?? './var/tenantry.sqlite';
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  return beginTransactionsImmediately(
    new DataSource({
      ...common,
      type: 'better-sqlite3',
      database: file,
      // Gateway-side processes share the file: WAL lets readers run beside one writer.
      enableWAL: true,
      // SQLite's busy timeout: any statement (autocommit writes outside withTransaction too) and
      // BEGIN IMMEDIATE wait this long for another process's write lock before failing SQLITE_BUSY.
      timeout: SQLITE_BUSY_TIMEOUT_MS,
      // Generated migrations rebuild a table by renaming it aside; without the legacy rename, SQLite
      // would point other tables' foreign keys at the renamed copy, which is then dropped.
      prepareDatabase: (database: { pragma(source: string): unknown }) => {
        database.pragma('legacy_alter_table = ON');
      },
      migrations: schema.migrations.sqlite,
    }),
  );
}

/** Connects and brings the schema up to date. */
export async function openDatabase(
  location: DatabaseLocation,
  schema: DatabaseSchema,
  options: { logger?: Logger; migrate?: boolean } = {},
): Promise<DataSource> {
  const mariadb = location.url ? await isMariaDb(location.url) : false;
  const dataSource = await createDataSource(location, schema, { ...options, mariadb }).initialize();
  if (options.migrate) await withMigrationSafeForeignKeys(dataSource, () => dataSource.runMigrations({ transaction: 'each' }));
  return dataSource;
}

/**
 * Runs schema changes (`runMigrations`, `undoLastMigration`) so that SQLite's table rebuilds keep
 * every row: TypeORM switches foreign keys off inside the migration's transaction, where SQLite
 * ignores it, so dropping the old `users` table would cascade into sessions, roles and tokens.
 * Foreign keys are checked once the change is done.
 */
export async function withMigrationSafeForeignKeys<T>(dataSource: DataSource, change: () => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'better-sqlite3') return change();
  await dataSource.query('PRAGMA foreign_keys = OFF');
  try {
    const result = await change();
    const violations = (await dataSource.query('PRAGMA foreign_key_check')) as unknown[];
    if (violations.length) throw new Error(`migration left ${violations.length} rows with a broken foreign key: ${JSON.stringify(violations.slice(0, 5))}`);
    return result;
  } finally {
    await dataSource.query('PRAGMA foreign_keys = ON');
  }
}

/** Statements still needed to make the database match the entities; empty when migrations are complete. */
export async function pendingSchemaChanges(dataSource: DataSource): Promise<{ up: string[]; down: string[] }> {
  const log = await dataSource.driver.createSchemaBuilder().log();
  return {
    up: log.upQueries.map((query) => query.query),
    down: log.downQueries.map((query) => query.query),
  };
}

async function isMariaDb(url: string): Promise<boolean> {
  const connection = await createConnection(url);
  try {
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return /mariadb/i.test((rows as { version: string }[])[0].version);
  } finally {
    await connection.end();
  }
}
