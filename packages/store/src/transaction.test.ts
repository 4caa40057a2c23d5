import { randomUUID } from 'node:crypto';
import type { BetterSqlite3Driver } from 'typeorm/driver/better-sqlite3/BetterSqlite3Driver';
import type { TestDatabase } from '@tenantry/testing';
import { createTestDatabase, testDialect } from '@tenantry/testing';
import type { DataSource, EntityManager } from '@tenantry/database';
import { SQLITE_BUSY_TIMEOUT_MS, TRANSACTION_ATTEMPTS, withAutocommit, withTransaction } from '@tenantry/database';
import { AccountRecord, lockAccount } from '@tenantry/organisations-module';
import { openStore } from '.';

/** A connection of another process to the same SQLite file, which fails at once instead of waiting for a lock. */
interface ImpatientConnection {
  exec(sql: string): void;
  close(): void;
}

function impatientConnection(dataSource: DataSource): ImpatientConnection {
  const driver = dataSource.driver as BetterSqlite3Driver;
  return new driver.sqlite(driver.options.database, { timeout: 0 });
}

const newAccount = (name: string): AccountRecord => ({
  id: randomUUID(),
  name,
  seatLimit: 1,
  ownerUserId: null,
  onboardingPolicy: null,
  createdAt: new Date(),
});

async function accountNames(dataSource: DataSource, prefix: string): Promise<string[]> {
  const accounts = await dataSource.getRepository(AccountRecord).find({ order: { name: 'ASC' } });
  return accounts.map((account) => account.name).filter((name) => name.startsWith(prefix));
}

/** A promise and the function that settles it: lets two transactions take turns without sleeping. */
function signal(): { reached: Promise<void>; reach: () => void } {
  let reach!: () => void;
  const reached = new Promise<void>((resolve) => (reach = resolve));
  return { reached, reach };
}

describe('withTransaction', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('runs a transaction that fails for a reason of its own once and rolls it back', async () => {
    let attempts = 0;
    await expect(
      withTransaction(db.dataSource, async (manager) => {
        attempts++;
        await manager.insert(AccountRecord, newAccount('Own failure'));
        throw new Error('the use case refused');
      }),
    ).rejects.toThrow('the use case refused');
    expect(attempts).toBe(1);
    expect(await accountNames(db.dataSource, 'Own failure')).toEqual([]);
  });

  it('an autocommit write sent while a transaction is open is never part of it: it stays when that transaction rolls back', async () => {
    const account = newAccount('Autocommit beside a rollback');
    let written: Promise<unknown> | undefined;
    await expect(
      withTransaction(db.dataSource, async (manager) => {
        written = withAutocommit(db.dataSource, (other) => other.insert(AccountRecord, account));
        // A statement after it in this transaction: on SQLite's one connection, a write that joined the transaction has run by now.
        await manager.count(AccountRecord);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await written;
    expect(await accountNames(db.dataSource, 'Autocommit beside')).toEqual(['Autocommit beside a rollback']);
  });

  (testDialect === 'sqlite' ? describe : describe.skip)('on SQLite, whose file several processes share', () => {
    let other: ImpatientConnection;
    beforeEach(() => {
      other = impatientConnection(db.dataSource);
    });
    afterEach(() => other.close());

    it('a transaction holds the write lock from its start: no other process writes between its first read and its commit', async () => {
      const refusal = await withTransaction(db.dataSource, async (manager) => {
        await manager.count(AccountRecord);
        try {
          other.exec(`UPDATE accounts SET seat_limit = seat_limit + 1`);
          return 'none';
        } catch (error) {
          return (error as { code: string }).code;
        }
      });
      expect(refusal).toBe('SQLITE_BUSY');
    });

    it('a transaction SQLite refuses as busy runs again from scratch, and the refused attempt leaves nothing behind', async () => {
      let attempts = 0;
      const result = await withTransaction(db.dataSource, async (manager) => {
        attempts++;
        await manager.insert(AccountRecord, newAccount(`Retried attempt ${attempts}`));
        // Needs the write lock this transaction holds: SQLITE_BUSY, as when another process held it too long.
        if (attempts === 1) other.exec(`UPDATE accounts SET seat_limit = seat_limit + 1`);
        return attempts;
      });
      expect(result).toBe(2);
      expect(await accountNames(db.dataSource, 'Retried attempt')).toEqual(['Retried attempt 2']);
    });

    it(`a transaction refused every time fails with SQLite's error after ${TRANSACTION_ATTEMPTS} attempts`, async () => {
      let attempts = 0;
      await expect(
        withTransaction(db.dataSource, async (manager) => {
          attempts++;
          await manager.insert(AccountRecord, newAccount(`Always refused ${attempts}`));
          other.exec(`UPDATE accounts SET seat_limit = seat_limit + 1`);
        }),
      ).rejects.toMatchObject({ code: 'SQLITE_BUSY' });
      expect(attempts).toBe(TRANSACTION_ATTEMPTS);
      expect(await accountNames(db.dataSource, 'Always refused')).toEqual([]);
    });

    it("every statement, autocommit writes outside withTransaction included, waits for another process's lock instead of failing at once", async () => {
      expect(await db.dataSource.query('PRAGMA busy_timeout')).toEqual([{ timeout: SQLITE_BUSY_TIMEOUT_MS }]);
    });
  });

  (testDialect === 'mysql' ? describe : describe.skip)('on MySQL, where transactions run side by side', () => {
    let second: DataSource;
    beforeAll(async () => {
      // A second pool, as another subgraph process has.
      second = await openStore(db.location);
    });
    afterAll(() => second.destroy());

    it('what a transaction reads after taking a lock includes what committed while it waited, even when it read before', async () => {
      const account = newAccount('Read committed');
      await db.dataSource.getRepository(AccountRecord).insert(account);
      const [before, after] = await withTransaction(db.dataSource, async (manager) => {
        const first = (await manager.findOneByOrFail(AccountRecord, { id: account.id })).seatLimit;
        await withTransaction(second, async (other) => {
          await lockAccount(other, account.id);
          await other.update(AccountRecord, { id: account.id }, { seatLimit: 2 });
        });
        await lockAccount(manager, account.id);
        return [first, (await manager.findOneByOrFail(AccountRecord, { id: account.id })).seatLimit];
      });
      expect([before, after]).toEqual([1, 2]);
    });

    it('of two transactions that deadlock, the one the database rolls back runs again, and both commit', async () => {
      const [a, b] = [newAccount('Deadlock A'), newAccount('Deadlock B')];
      await db.dataSource.getRepository(AccountRecord).insert([a, b]);
      const attempts = { first: 0, second: 0 };
      const firstHolds = signal();
      const secondHolds = signal();
      // Each locks one account, waits until the other holds the other one, then asks for it: a cycle InnoDB must break.
      const crossing =
        (name: keyof typeof attempts, own: AccountRecord, theirs: AccountRecord, holds: ReturnType<typeof signal>, theyHold: Promise<void>) =>
        async (manager: EntityManager) => {
          attempts[name]++;
          await lockAccount(manager, own.id);
          if (attempts[name] === 1) {
            holds.reach();
            await theyHold;
          }
          await lockAccount(manager, theirs.id);
          await manager.update(AccountRecord, { id: own.id }, { seatLimit: () => 'seat_limit + 1' });
        };
      await Promise.all([
        withTransaction(db.dataSource, crossing('first', a, b, firstHolds, secondHolds.reached)),
        withTransaction(second, crossing('second', b, a, secondHolds, firstHolds.reached)),
      ]);
      expect(attempts.first + attempts.second).toBe(3);
      const after = await db.dataSource.getRepository(AccountRecord).find({ where: [{ id: a.id }, { id: b.id }], order: { name: 'ASC' } });
      expect(after.map((account) => account.seatLimit)).toEqual([2, 2]);
    });
  });
});
