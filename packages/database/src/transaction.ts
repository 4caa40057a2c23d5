import { setTimeout as pause } from 'node:timers/promises';
import type { DataSource, EntityManager, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';

/** How often `withTransaction` runs a transaction at most when the database asks for it to be retried. */
export const TRANSACTION_ATTEMPTS = 5;

const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>();

function isSqlite(dataSource: DataSource): boolean {
  return dataSource.options.type === 'better-sqlite3';
}

/**
 * Runs `work` in one transaction: it all commits or nothing does.
 *
 * - SQLite: a process has one connection, on which transactions cannot overlap, so they queue
 *   here; across processes every transaction begins IMMEDIATE (immediate-transactions.ts), so its
 *   reads are never outdated by another process's commit.
 * - MySQL: transactions run side by side at READ COMMITTED: every statement sees what has
 *   committed when it starts. So whatever a transaction read before taking a lock (`lockAccount`),
 *   what it reads after the lock includes everything the previous holder committed. (At MySQL's
 *   default REPEATABLE READ the first read fixes a snapshot for the whole transaction, and a seat
 *   count after the lock missed users created while waiting for it.)
 *
 * When the database gives up on the transaction because of another one (SQLite still busy after
 * its timeout, a MySQL deadlock), it is rolled back and `work` runs again from scratch, at most
 * TRANSACTION_ATTEMPTS times; so `work` changes nothing but the database through `manager`.
 */
export function withTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  // READ COMMITTED is each pooled connection's own setting (data-source.ts).
  if (!isSqlite(dataSource)) return retriedWhenAsked(() => dataSource.transaction(work));
  const previous = sqliteQueues.get(dataSource) ?? Promise.resolve();
  const run = previous.then(() => retriedWhenAsked(() => dataSource.transaction(work)));
  sqliteQueues.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * Runs `write`, one statement, so that it commits by itself: on MySQL as an autocommit statement
 * (no transaction round trips); on SQLite through withTransaction, because the process's one
 * connection is shared and a statement sent while another's transaction is open would join it.
 */
export function withAutocommit<T>(dataSource: DataSource, write: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (isSqlite(dataSource)) return withTransaction(dataSource, write);
  return retriedWhenAsked(() => write(dataSource.manager));
}

async function retriedWhenAsked<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (error) {
      if (attempt >= TRANSACTION_ATTEMPTS || !asksForRetry(error)) throw error;
      // A short, random pause lets the transaction it collided with finish first.
      await pause(Math.random() * 25 * attempt);
    }
  }
}

/** Whether the database refused a transaction only because of a concurrent one, so running it again can succeed. */
function asksForRetry(error: unknown): boolean {
  const { code, driverError } = (error ?? {}) as { code?: unknown; driverError?: { code?: unknown } };
  const reason = driverError?.code ?? code;
  // SQLITE_BUSY and its extended codes (_SNAPSHOT, _RECOVERY, _TIMEOUT); InnoDB rolled a deadlock victim back.
  return typeof reason === 'string' && (reason.startsWith('SQLITE_BUSY') || reason === 'ER_LOCK_DEADLOCK');
}

/**
 * Reads one row and locks it until the transaction ends (`SELECT … FOR UPDATE` on MySQL): writers
 * that lock it, or reference it through a foreign key (whose check takes a shared lock on it),
 * wait for this transaction, and the other way round. On SQLite every write transaction holds
 * the database's write lock already.
 */
export function findOneForUpdate<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, where: FindOptionsWhere<T>): Promise<T | null> {
  if (isSqlite(manager.connection)) return manager.findOneBy(entity, where);
  return manager.findOne(entity, { where, lock: { mode: 'pessimistic_write' } });
}
