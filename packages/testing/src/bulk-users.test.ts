import { searchTermsOf } from '@tenantry/users-module';
import { insertUsers } from './bulk-users';
import { initSeed } from './seed';
import type { TestDatabase } from './test-database';
import { createTestDatabase } from './test-database';

describe('insertUsers', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('copies a user 1,200 times, in batches, each with its own id, username, email, role, inbox, search terms and a later creation time', async () => {
    const account = await initSeed(db.dataSource).createAccount();
    const template = await account.defaultOrganisation.createUser('OPERATOR');

    const ids = await insertUsers(db.dataSource, { templateUserId: template.id, count: 1_200, batchSize: 500 });

    expect(new Set(ids).size).toBe(1_200);
    const count = async (sql: string, parameters: unknown[]) => Number((await db.dataSource.query(sql, parameters))[0].n);
    const organisationId = account.defaultOrganisation.id;
    expect(await count('SELECT COUNT(*) AS n FROM users WHERE organisation_id = ?', [organisationId])).toBe(1_202);
    expect(await count('SELECT COUNT(*) AS n FROM role_assignments r JOIN users u ON u.id = r.user_id WHERE u.organisation_id = ?', [organisationId])).toBe(
      1_202,
    );
    expect(
      await count('SELECT COUNT(*) AS n FROM operator_group_members m JOIN users u ON u.id = m.user_id WHERE u.organisation_id = ?', [organisationId]),
    ).toBe(1_202);
    const [copy] = await db.dataSource.query('SELECT * FROM users WHERE id = ?', [ids[41]]);
    const [original] = await db.dataSource.query('SELECT * FROM users WHERE id = ?', [template.id]);
    const { created_at: copiedAt, updated_at: _copyUpdated, ...copied } = copy;
    const { created_at: originalAt, updated_at: _originalUpdated, ...kept } = original;
    expect(copied).toEqual({
      ...kept,
      id: ids[41],
      username: 'bulk.user.0042',
      email: 'bulk.user.0042@example.com',
      last_name: 'User 0042',
      screen_name: `${original.first_name} User 0042`,
    });
    expect(new Date(copiedAt).getTime() - new Date(originalAt).getTime()).toBe(42);
    const terms = await db.dataSource.query('SELECT term FROM user_search_terms WHERE user_id = ? ORDER BY term', [ids[41]]);
    const expected = searchTermsOf({
      id: ids[41],
      organisationId,
      username: 'bulk.user.0042',
      email: 'bulk.user.0042@example.com',
      firstName: original.first_name,
      lastName: 'User 0042',
      screenName: `${original.first_name} User 0042`,
    });
    expect(terms.map((row: { term: string }) => row.term)).toEqual([...expected].sort());
  });

  it('refuses a template that does not exist, and writes nothing', async () => {
    const users = async () => Number((await db.dataSource.query('SELECT COUNT(*) AS n FROM users'))[0].n);
    const before = await users();
    await expect(insertUsers(db.dataSource, { templateUserId: '00000000-0000-0000-0000-000000000000', count: 3 })).rejects.toThrow('no user');
    expect(await users()).toBe(before);
  });
});
