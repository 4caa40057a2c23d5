import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from '@tenantry/database';
import { withTransaction } from '@tenantry/database';
import { encodeCursor } from '@tenantry/federation';
import { OrganisationKind } from '@tenantry/organisations-module';
import { createUserWithRole, provisionOrganisation } from '@tenantry/provisioning';
import { DEMO_USERNAMES, seedDemoData } from '@tenantry/stack';
import type { Row } from '@tenantry/testing';
import { insertRows, searchTermsOfRows } from '@tenantry/testing';

/** Password of every user the suite seeds, demo users included. */
export const BENCH_PASSWORD = 'bench-password-for-everyone';
/** A first name only a handful of users per organisation have, so `search` matches the same few rows at every size. */
export const SEARCH_TERM = 'Quillon';
/** How many seeded users of each organisation carry SEARCH_TERM; how many pending invitations each has. */
export const SEARCHABLE_USERS = 5;
const PENDING_INVITATIONS = 5;
const ROWS_PER_INSERT = 500;

/** An organisation of the Demo account with `size` active users, seeded by SQL. */
export interface SeededOrganisation {
  id: string;
  size: number;
  /** Usernames of its active users, oldest first. */
  usernames: string[];
  /** The cursor after which the last page but one starts (a deep page). */
  deepCursor: string;
}

/** Multi-row INSERTs of at most ROWS_PER_INSERT rows, under SQLite's and MySQL's placeholder limits. */
async function insertInBatches(runner: DataSource['manager'], table: string, rows: Row[]): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) await insertRows(runner, table, rows.slice(start, start + ROWS_PER_INSERT));
}

/**
 * Seeds the demo account (its owner is the caller of every scenario), then per size an organisation
 * "Bench <size>" of the account: one OPERATOR made the real way (provisioning), `size - 1` copies of
 * its rows by multi-row INSERTs (user, role assignment, inbox membership), SEARCHABLE_USERS of them
 * named SEARCH_TERM, and PENDING_INVITATIONS invited users with their pending invitations.
 */
export async function seedBenchData(dataSource: DataSource, sizes: number[]): Promise<SeededOrganisation[]> {
  await seedDemoData(dataSource, BENCH_PASSWORD);
  const [owner] = await dataSource.query('SELECT id, organisation_id FROM users WHERE username = ?', [DEMO_USERNAMES.owner]);
  const [{ account_id: accountId }] = await dataSource.query('SELECT account_id FROM organisations WHERE id = ?', [owner.organisation_id]);
  const seeded: SeededOrganisation[] = [];
  for (const size of sizes) {
    seeded.push(
      await withTransaction(dataSource, async (manager) => {
        const { organisation } = await provisionOrganisation(manager, { accountId, kind: OrganisationKind.SUB, name: `Bench ${size}` });
        const template = await createUserWithRole(manager, {
          organisationId: organisation.id,
          username: `bench${size}.user0`,
          roleKey: 'OPERATOR',
          password: BENCH_PASSWORD,
          firstName: 'Bench',
          lastName: 'User 0',
        });
        const [user] = (await manager.query('SELECT * FROM users WHERE id = ?', [template.id])) as Row[];
        const [assignment] = (await manager.query('SELECT * FROM role_assignments WHERE user_id = ?', [template.id])) as Row[];
        const memberships = (await manager.query('SELECT * FROM operator_group_members WHERE user_id = ?', [template.id])) as Row[];
        const users: Row[] = [];
        const assignments: Row[] = [];
        const members: Row[] = [];
        const invitations: Row[] = [];
        const oldest = Date.now() - (size + PENDING_INVITATIONS + 10) * 1000;
        const searchable = new Set(Array.from({ length: SEARCHABLE_USERS }, (_, k) => Math.floor((k * size) / SEARCHABLE_USERS) + 1));
        const addUser = (index: number, invited: boolean) => {
          const id = randomUUID();
          const username = invited ? `bench${size}.invited${index}` : `bench${size}.user${index}`;
          const createdAt = new Date(oldest + index * 1000);
          const firstName = searchable.has(index) && !invited ? SEARCH_TERM : 'Bench';
          users.push({
            ...user,
            id,
            username,
            email: `${username}@example.com`,
            first_name: firstName,
            last_name: `User ${index}`,
            screen_name: `${firstName} User ${index}`,
            status: invited ? 'INVITED' : user.status,
            password_hash: invited ? null : user.password_hash,
            created_at: createdAt,
            updated_at: createdAt,
          });
          assignments.push({ ...assignment, user_id: id, assigned_at: createdAt });
          for (const membership of memberships) members.push({ ...membership, user_id: id });
          if (invited) {
            invitations.push({
              id: randomUUID(),
              organisation_id: organisation.id,
              user_id: id,
              email: `${username}@example.com`,
              language: 'en',
              role_key: 'OPERATOR',
              status: 'PENDING',
              token_hash: randomBytes(32).toString('hex'),
              expires_at: new Date(Date.now() + 72 * 3600_000),
              invited_by_user_id: owner.id,
              created_at: createdAt,
              updated_at: createdAt,
            });
          }
        };
        for (let index = 1; index < size; index++) addUser(index, false);
        for (let index = size; index < size + PENDING_INVITATIONS; index++) addUser(index, true);
        await insertInBatches(manager, 'users', users);
        await insertInBatches(manager, 'user_search_terms', searchTermsOfRows(users));
        await insertInBatches(manager, 'role_assignments', assignments);
        await insertInBatches(manager, 'operator_group_members', members);
        await insertInBatches(manager, 'invitations', invitations);
        // The template was created now, after its copies: move it first so "oldest first" is user0, user1, ...
        await manager.query('UPDATE users SET created_at = ?, updated_at = ? WHERE id = ?', [new Date(oldest), new Date(oldest), template.id]);
        const [deep] = await manager.query('SELECT id, created_at FROM users WHERE organisation_id = ? ORDER BY created_at, id LIMIT 1 OFFSET ?', [
          organisation.id,
          Math.max(0, size + PENDING_INVITATIONS - 101),
        ]);
        return {
          id: organisation.id,
          size,
          usernames: [`bench${size}.user0`, ...users.filter((row) => row.status !== 'INVITED').map((row) => String(row.username))],
          deepCursor: encodeCursor({ key: new Date(deep.created_at).toISOString(), id: deep.id }),
        };
      }),
    );
  }
  // Index statistics as MariaDB keeps them for tables that grew over time: its background update
  // lags a bulk load, and until then it read all 100,000 assignments of a role to find 50 users' roles.
  await dataSource.query('ANALYZE TABLE users, user_search_terms, role_assignments, operator_group_members, invitations');
  return seeded;
}
