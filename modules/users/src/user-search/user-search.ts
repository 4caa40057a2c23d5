import type { QueryRunner } from 'typeorm';
import type { EntityManager } from '@tenantry/database';
import { UserRecord } from '../user/user.entity';
import { UserSearchTermRecord } from './user-search-term.entity';

/** The fields `users(search:)` looks in (docs/product.md#users-and-seats). */
export type SearchableUser = Pick<UserRecord, 'id' | 'organisationId' | 'username' | 'email' | 'firstName' | 'lastName' | 'screenName'>;

/** The searched columns: a write that changes none of them leaves the terms alone. */
export const SEARCHED_FIELDS = ['username', 'email', 'firstName', 'lastName', 'screenName'] as const;

const TERM_LENGTH = 254;

/** At most TERM_LENGTH characters (code points, as the column counts them), without trailing space: MySQL's PAD SPACE collations would take "a " and "a" for one key. */
const clip = (text: string) => [...text].slice(0, TERM_LENGTH).join('').trimEnd();
const WORD_START = /(?<![\p{L}\p{N}])[\p{L}\p{N}]/gu;

/** Letters whose accent is part of the letter, so NFD leaves them whole, and typographic apostrophes: what they are typed as. */
const FOLDED: Record<string, string> = {
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ħ: 'h',
  ı: 'i',
  ŀ: 'l',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  '\u2019': "'",
  '\u2018': "'",
};
const FOLDABLE = new RegExp(`[${Object.keys(FOLDED).join('')}]`, 'gu');

/** Lower-cased, accents removed (é → e, ł → l, ß → ss), runs of white space as one space: how terms are stored and searches compared. */
export function normaliseSearchText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(FOLDABLE, (letter) => FOLDED[letter])
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Every term of a user: each searched field from the start of each of its words, without repeats. */
export function searchTermsOf(user: SearchableUser): string[] {
  const terms = new Set<string>();
  for (const field of SEARCHED_FIELDS) {
    const text = normaliseSearchText(user[field] ?? '');
    for (const word of text.matchAll(WORD_START)) terms.add(clip(text.slice(word.index)));
  }
  return [...terms];
}

/** Rows of the terms of these users, for a bulk insert. */
export function searchTermRows(users: SearchableUser[]): UserSearchTermRecord[] {
  return users.flatMap((user) => searchTermsOf(user).map((term) => ({ userId: user.id, organisationId: user.organisationId, term })));
}

/** Writes a new user's terms. */
export async function insertUserSearchTerms(manager: EntityManager, user: SearchableUser): Promise<void> {
  const rows = searchTermRows([user]);
  if (rows.length) await manager.insert(UserSearchTermRecord, rows);
}

/**
 * Rewrites a user's terms after a searched field changed, from the row as the caller's transaction
 * now holds it (its UPDATE locked the row): terms built from a copy read earlier could undo another
 * write that committed meanwhile.
 */
export async function replaceUserSearchTerms(manager: EntityManager, userId: string): Promise<void> {
  const user = await manager.getRepository(UserRecord).findOne({
    select: { id: true, organisationId: true, username: true, email: true, firstName: true, lastName: true, screenName: true },
    where: { id: userId },
  });
  await manager.delete(UserSearchTermRecord, { userId });
  if (user) await insertUserSearchTerms(manager, user);
}

/**
 * The terms a search matches, as a half-open range [from, to): every term starting with the
 * normalised search. Null when the search holds no letter or digit (terms start with one, so it
 * matches nobody). A range rather than LIKE: both databases serve it from the index with a binary
 * comparison, where SQLite's LIKE would need a NOCASE index.
 */
export function searchTermRange(search: string): SearchTermRange | null {
  const from = clip(normaliseSearchText(search).replace(/^[^\p{L}\p{N}]+/u, ''));
  if (!from) return null;
  const points = [...from];
  const last = points.pop()!.codePointAt(0)!;
  // The next code point after the last one (skipping the surrogates, which no string holds alone).
  const next = last === 0xd7ff ? 0xe000 : last + 1;
  return { from, to: points.join('') + String.fromCodePoint(Math.min(next, 0x10ffff)) };
}

/** A search's term range, as `searchTermRange` returns it. */
export interface SearchTermRange {
  from: string;
  to: string;
}

/**
 * Ids of users of the organisation with a term in the range, at most `limit` (the caller asks
 * for one more than it can take to learn whether there are more), read only where `visible` (the
 * caller's visibility rule on `t.organisation_id`) holds: a foreign organisation answers like one
 * without a match, in the same statements.
 */
export async function usersWithTermsIn(
  manager: EntityManager,
  organisationId: string,
  range: SearchTermRange,
  limit: number,
  visible: { sql: string; params: Record<string, unknown> },
): Promise<string[]> {
  const rows = await manager
    .getRepository(UserSearchTermRecord)
    .createQueryBuilder('t')
    .select('t.user_id', 'userId')
    .distinct(true)
    .where('t.organisation_id = :organisationId AND t.term >= :termFrom AND t.term < :termTo', { organisationId, termFrom: range.from, termTo: range.to })
    .andWhere(visible.sql, visible.params)
    .limit(limit)
    .getRawMany<{ userId: string }>();
  return rows.map((row) => row.userId);
}

/**
 * "The user aliased `alias` has a term in the range", for a query over users that reads them in
 * its own order: a probe of the terms' primary key per user row, cheap when most users match.
 */
export function hasTermIn(alias: string, range: SearchTermRange): { sql: string; params: Record<string, unknown> } {
  return {
    sql: `EXISTS (SELECT 1 FROM user_search_terms t WHERE t.user_id = ${alias}.id AND t.term >= :termFrom AND t.term < :termTo)`,
    params: { termFrom: range.from, termTo: range.to },
  };
}

/** Users read and terms written per step of a backfill: the INSERT stays under both databases' placeholder limits. */
const BACKFILL_BATCH = 500;

/** Writes the terms of every existing user, in id order and batches: for the migration that introduced them. */
export async function backfillUserSearchTerms(runner: Pick<QueryRunner, 'query'>): Promise<void> {
  for (let after = ''; ;) {
    const rows: Record<string, string | null>[] = await runner.query(
      'SELECT id, organisation_id, username, email, first_name, last_name, screen_name FROM users WHERE id > ? ORDER BY id LIMIT ?',
      [after, BACKFILL_BATCH],
    );
    if (!rows.length) return;
    const users = rows.map((row) => ({
      id: row.id!,
      organisationId: row.organisation_id!,
      username: row.username!,
      email: row.email,
      firstName: row.first_name,
      lastName: row.last_name!,
      screenName: row.screen_name!,
    }));
    const terms = searchTermRows(users);
    for (let start = 0; start < terms.length; start += BACKFILL_BATCH) {
      const batch = terms.slice(start, start + BACKFILL_BATCH);
      await runner.query(
        `INSERT INTO user_search_terms (user_id, term, organisation_id) VALUES ${batch.map(() => '(?, ?, ?)').join(', ')}`,
        batch.flatMap((row) => [row.userId, row.term, row.organisationId]),
      );
    }
    after = users.at(-1)!.id;
  }
}
