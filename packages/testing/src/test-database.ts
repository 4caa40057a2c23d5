import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import type { DataSource, DatabaseLocation } from '@tenantry/database';
import { QueryCounter } from '@tenantry/database';
import { openStore } from '@tenantry/store';

/** Which database this test run uses: `TEST_DATABASE=mysql` (set by scripts/test.mjs) or SQLite. */
export const testDialect: 'mysql' | 'sqlite' = process.env.TEST_DATABASE === 'mysql' ? 'mysql' : 'sqlite';

export const TEST_MYSQL_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

/** A fresh, migrated database of its own for one test file, dropped afterwards. */
export interface TestDatabase {
  location: DatabaseLocation;
  /** Environment that points a process of the graph at this database. */
  env: Record<string, string>;
  dataSource: DataSource;
  queries: QueryCounter;
  drop(): Promise<void>;
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const queries = new QueryCounter();
  if (testDialect === 'mysql') {
    const name = `tenantry_test_${randomBytes(6).toString('hex')}`;
    const admin = await createConnection(TEST_MYSQL_URL);
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
    const location = { url: withDatabaseName(TEST_MYSQL_URL, name) };
    const dataSource = await openStore(location, { logger: queries, migrate: true });
    return {
      location,
      env: { DATABASE_URL: location.url },
      dataSource,
      queries,
      async drop() {
        await dataSource.destroy();
        await admin.query(`DROP DATABASE \`${name}\``);
        await admin.end();
      },
    };
  }
  const folder = mkdtempSync(join(tmpdir(), 'tenantry-test-'));
  const location = { file: join(folder, 'test.sqlite') };
  const dataSource = await openStore(location, { logger: queries, migrate: true });
  return {
    location,
    env: { DATABASE_FILE: location.file },
    dataSource,
    queries,
    async drop() {
      await dataSource.destroy();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * What every process of a graph started on `db` needs: this process's variables, the database,
 * MAIL_DIR, a public URL for mail links, fresh secrets, and `rateLimits` as RATE_LIMITS.
 */
export function graphEnvironment(db: TestDatabase, mailDir: string, rateLimits: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...db.env,
    MAIL_DIR: mailDir,
    PUBLIC_URL: 'http://app.test',
    ACCESS_TOKEN_SECRET: randomBytes(48).toString('base64url'),
    PRINCIPAL_SECRET: randomBytes(48).toString('base64url'),
    RATE_LIMITS: rateLimits,
  };
}
