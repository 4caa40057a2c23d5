import { randomUUID } from 'node:crypto';
import { searchTermRows } from '@tenantry/users-module';
import type { Row, SqlDatabase } from './bulk-customers';
import { insertRows } from './bulk-customers';

export interface BulkUsersOptions {
  /** A user made the real way (createUser, or the seed); each copy mirrors its rows. */
  templateUserId: string;
  count: number;
  /** Usernames are `<prefix>.<n>`, emails `<prefix>.<n>@example.com`, last names `User <n>`. */
  usernamePrefix?: string;
  /** Users per multi-row INSERT; stays under SQLite's and MySQL's placeholder limits. */
  batchSize?: number;
}

/** The rows creating a user writes beside the user itself: its role and its inboxes. */
const USER_TABLES = ['role_assignments', 'operator_group_members'] as const;

/** A stored timestamp moved `ms` later, in the form it was read: a Date from MySQL, `YYYY-MM-DD HH:MM:SS.mmm` (UTC) from SQLite. */
function later(value: unknown, ms: number): unknown {
  if (value instanceof Date) return new Date(value.getTime() + ms);
  const moved = new Date(new Date(`${String(value).replace(' ', 'T')}Z`).getTime() + ms);
  return moved.toISOString().replace('T', ' ').replace('Z', '');
}

/** The `user_search_terms` rows of `users` rows, as creating those users writes them. */
export function searchTermsOfRows(users: Row[]): Row[] {
  const searchable = users.map((user) => ({
    id: String(user.id),
    organisationId: String(user.organisation_id),
    username: String(user.username),
    email: user.email as string | null,
    firstName: user.first_name as string | null,
    lastName: String(user.last_name),
    screenName: String(user.screen_name),
  }));
  return searchTermRows(searchable).map((term) => ({ user_id: term.userId, term: term.term, organisation_id: term.organisationId }));
}

/**
 * Inserts `count` users beside a template user, into its organisation, by SQL in multi-row INSERTs
 * and one transaction, so that 100,000 take seconds on SQLite and MariaDB alike. Each copy takes
 * every column of the template's `users` row and of its role assignment and inbox memberships,
 * with a fresh id, its own username, email and last name, a creation time 1 ms after the one
 * before (so pages are ordered as for users created one by one), and its search terms. Returns
 * the new user ids, oldest first.
 */
export async function insertUsers(database: SqlDatabase, options: BulkUsersOptions): Promise<string[]> {
  const { templateUserId, count, usernamePrefix = 'bulk.user', batchSize = 500 } = options;
  const [template] = (await database.query('SELECT * FROM `users` WHERE `id` = ?', [templateUserId])) as Row[];
  if (!template) throw new Error(`no user ${templateUserId} to copy`);
  const related = new Map<string, Row[]>();
  for (const table of USER_TABLES) related.set(table, (await database.query(`SELECT * FROM \`${table}\` WHERE \`user_id\` = ?`, [templateUserId])) as Row[]);

  const width = String(count).length;
  const ids: string[] = [];
  await database.transaction(async (manager) => {
    for (let start = 0; start < count; start += batchSize) {
      const users: Row[] = [];
      const children = new Map<string, Row[]>(USER_TABLES.map((table) => [table, []]));
      for (let index = start; index < Math.min(start + batchSize, count); index++) {
        const id = randomUUID();
        const number = String(index + 1).padStart(width, '0');
        const username = `${usernamePrefix}.${number}`;
        const lastName = `User ${number}`;
        ids.push(id);
        users.push({
          ...template,
          id,
          username,
          email: `${username}@example.com`,
          last_name: lastName,
          screen_name: [template.first_name, lastName].filter(Boolean).join(' '),
          created_at: later(template.created_at, index + 1),
          updated_at: later(template.updated_at, index + 1),
        });
        for (const [table, rows] of related) {
          for (const row of rows) children.get(table)!.push({ ...row, ...('id' in row ? { id: randomUUID() } : {}), user_id: id });
        }
      }
      await insertRows(manager, 'users', users);
      for (const [table, rows] of children) await insertRows(manager, table, rows);
      const terms = searchTermsOfRows(users);
      for (let from = 0; from < terms.length; from += batchSize) await insertRows(manager, 'user_search_terms', terms.slice(from, from + batchSize));
    }
  });
  return ids;
}
