import type { DataSource } from 'typeorm';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import { BetterSqlite3QueryRunner } from 'typeorm/driver/better-sqlite3/BetterSqlite3QueryRunner';

/** The statement TypeORM opens every outermost SQLite transaction with (a deferred BEGIN). */
const DEFERRED_BEGIN = 'BEGIN TRANSACTION';

/**
 * A deferred BEGIN reads from a snapshot and asks for the write lock only at the first write; when
 * another process (the three subgraphs and the mail worker share the file) committed in between,
 * SQLite refuses that write at once with SQLITE_BUSY_SNAPSHOT. BEGIN IMMEDIATE takes the write lock
 * first (waiting up to the busy timeout for it), so a transaction's reads are never outdated.
 */
class ImmediateTransactionQueryRunner extends BetterSqlite3QueryRunner {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the signature TypeORM's query runner declares
  override query(query: string, parameters?: unknown[], useStructuredResult?: boolean): Promise<any> {
    return super.query(query === DEFERRED_BEGIN ? 'BEGIN IMMEDIATE TRANSACTION' : query, parameters, useStructuredResult);
  }
}

/** Makes every transaction TypeORM opens on this SQLite data source (use cases, migrations, `save`) begin IMMEDIATE. */
export function beginTransactionsImmediately(dataSource: DataSource): DataSource {
  const driver = dataSource.driver as BetterSqlite3Driver;
  // The driver keeps one query runner (one connection) and forgets it on disconnect; so do we.
  driver.createQueryRunner = () => (driver.queryRunner ??= new ImmediateTransactionQueryRunner(driver));
  return dataSource;
}
