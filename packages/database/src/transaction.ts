import { DataSource, EntityManager } from 'typeorm';
import { AccountRecord } from './organisations/account.entity';

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

function isSqlite(dataSource: DataSource): boolean {
  return dataSource.options.type === 'better-sqlite3';
}

/**
 * Runs `work` in one transaction: it all commits or nothing does. SQLite has one connection per
 * process, on which transactions cannot overlap, so they queue here; MySQL runs them side by side.
 */
export function withTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (!isSqlite(dataSource)) return dataSource.transaction(work);
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const run = previous.then(() => dataSource.transaction(work));
  sqliteQueues.set(dataSource, run.catch(() => undefined));
  return run;
}

/**
 * Locks the account row until the transaction ends, so use cases that count seats of one account
 * run one after the other (SQLite transactions are serialised already).
 */
export async function lockAccount(manager: EntityManager, accountId: string): Promise<AccountRecord | null> {
  if (isSqlite(manager.connection)) return manager.findOneBy(AccountRecord, { id: accountId });
  return manager.findOne(AccountRecord, { where: { id: accountId }, lock: { mode: 'pessimistic_write' } });
}
