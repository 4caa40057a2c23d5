import { insertCustomerOrganisations } from './bulk-customers';
import { initSeed } from './seed';
import type { TestDatabase } from './test-database';
import { createTestDatabase } from './test-database';

describe('insertCustomerOrganisations', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db?.drop());

  it('copies a provisioned customer 1,200 times, in batches, each with its own name, id, roles, widget and operator group', async () => {
    const account = await initSeed(db.dataSource).createAccount();
    const template = await account.defaultOrganisation.createCustomer('Template customer');

    const ids = await insertCustomerOrganisations(db.dataSource, { templateOrganisationId: template.id, count: 1_200, batchSize: 500 });

    expect(new Set(ids).size).toBe(1_200);
    const count = async (sql: string, parameters: unknown[]) => Number((await db.dataSource.query(sql, parameters))[0].n);
    expect(
      await count('SELECT COUNT(*) AS n FROM organisations WHERE managing_organisation_id = ? AND kind = ?', [account.defaultOrganisation.id, 'CUSTOMER']),
    ).toBe(1_201);
    const [copy] = await db.dataSource.query('SELECT * FROM organisations WHERE id = ?', [ids[41]]);
    const [original] = await db.dataSource.query('SELECT * FROM organisations WHERE id = ?', [template.id]);
    expect(copy).toEqual({ ...original, id: ids[41], name: 'Bulk customer 0042' });
    const children = (id: string) =>
      db.dataSource.query(
        `SELECT 'role' AS what, \`key\` AS name FROM roles WHERE organisation_id = ?
       UNION ALL SELECT 'widget', name FROM widgets WHERE organisation_id = ?
       UNION ALL SELECT 'group', name FROM operator_groups WHERE organisation_id = ? ORDER BY what, name`,
        [id, id, id],
      );
    expect(await children(ids[41])).toEqual([
      { what: 'group', name: 'Bulk customer 0042' },
      { what: 'role', name: 'ADMINISTRATOR' },
      { what: 'role', name: 'MEMBER' },
      { what: 'role', name: 'MODERATOR' },
      { what: 'widget', name: 'Bulk customer 0042 widget' },
    ]);
    expect(await children(template.id)).toHaveLength(5);
  });

  it('refuses to copy an organisation that is not a managed customer, and writes nothing', async () => {
    const account = await initSeed(db.dataSource).createAccount();
    const organisations = async () => Number((await db.dataSource.query('SELECT COUNT(*) AS n FROM organisations'))[0].n);
    const before = await organisations();
    await expect(insertCustomerOrganisations(db.dataSource, { templateOrganisationId: account.defaultOrganisation.id, count: 3 })).rejects.toThrow(
      'is not a managed customer',
    );
    expect(await organisations()).toBe(before);
  });
});
