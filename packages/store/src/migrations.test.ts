import { randomUUID } from 'node:crypto';
import type { TestDatabase } from '@tenantry/testing';
import { createTestDatabase } from '@tenantry/testing';
import { pendingSchemaChanges, withMigrationSafeForeignKeys } from '@tenantry/database';
import { AccountRecord, OrganisationKind, OrganisationRecord } from '@tenantry/organisations-module';
import { RoleRecord } from '@tenantry/permissions-module';
import { SessionRecord, UserRecord, UserStatus } from '@tenantry/users-module';

describe('migrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  /** An organisations row of `accountId` as today's entity writes it. */
  const organisationRow = (accountId: string, name: string) => ({
    id: randomUUID(),
    accountId,
    kind: OrganisationKind.DEFAULT,
    name,
    nameNamespace: accountId,
    language: 'en',
    location: null,
    managingOrganisationId: null,
    privacy: { transcriptRetentionDays: 1, anonymiseVisitorIp: true },
    createdAt: new Date(),
  });

  /** A new account and its default organisation, through today's entities; answers the organisation's id. */
  async function saveOrganisation(name: string): Promise<string> {
    const account = await db.dataSource.getRepository(AccountRecord).save({ id: randomUUID(), name, seatLimit: 5, ownerUserId: null, createdAt: new Date() });
    const organisation = organisationRow(account.id, name);
    await db.dataSource.getRepository(OrganisationRecord).insert(organisation);
    return organisation.id;
  }

  /** An ACTIVE users row as today's entity writes it, written past createUser: no role, no search terms. */
  const userRow = (organisationId: string, username: string, names: { firstName: string; lastName: string } = { firstName: 'A', lastName: 'B' }) => ({
    id: randomUUID(),
    organisationId,
    username,
    email: `${username}@example.com`,
    ...names,
    middleName: null,
    screenName: `${names.firstName} ${names.lastName}`,
    status: UserStatus.ACTIVE,
    passwordHash: null,
    failedLoginCount: 0,
    lastLoginAt: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  });

  it('leave nothing for the entities to change once all have run', async () => {
    expect(await pendingSchemaChanges(db.dataSource)).toEqual({ up: [], down: [] });
  });

  it('run down to an empty schema and up again', async () => {
    const migrations = db.dataSource.migrations.length;
    for (let i = 0; i < migrations; i++) await withMigrationSafeForeignKeys(db.dataSource, () => db.dataSource.undoLastMigration({ transaction: 'each' }));
    const runner = db.dataSource.createQueryRunner();
    const remaining = [];
    for (const { tableName } of db.dataSource.entityMetadatas) if (await runner.hasTable(tableName)) remaining.push(tableName);
    await runner.release();
    expect(remaining).toEqual([]);
    expect(await withMigrationSafeForeignKeys(db.dataSource, () => db.dataSource.runMigrations({ transaction: 'each' }))).toHaveLength(migrations);
    expect((await pendingSchemaChanges(db.dataSource)).up).toEqual([]);
  });

  it('treat usernames differing only in case as different users', async () => {
    const organisationId = await saveOrganisation('Case');
    const user = (username: string) => userRow(organisationId, username);
    const users = db.dataSource.getRepository(UserRecord);
    await users.insert(user('jan.de.vries'));
    await users.insert(user('Jan.de.Vries'));
    await expect(users.insert(user('jan.de.vries'))).rejects.toThrow();
    expect((await users.findOneByOrFail({ username: 'Jan.de.Vries' })).username).toBe('Jan.de.Vries');
  });

  it('give existing organisations the namespace their name is unique in: the managing organisation for a customer, else the account', async () => {
    const position = db.dataSource.migrations.findIndex((migration) => migration.name?.startsWith('OrganisationNameNamespace'));
    for (let i = position; i < db.dataSource.migrations.length; i++)
      await withMigrationSafeForeignKeys(db.dataSource, () => db.dataSource.undoLastMigration({ transaction: 'each' }));
    const [accountId, parentId, customerId] = [randomUUID(), randomUUID(), randomUUID()];
    const at = '2026-01-01 00:00:00.000';
    // Plain SQL: the entities already describe the schema after this migration.
    await db.dataSource.query('INSERT INTO accounts (id, name, seat_limit, created_at) VALUES (?, ?, ?, ?)', [accountId, 'Before namespaces', 5, at]);
    const insertOrganisation = (id: string, kind: string, name: string, managing: string | null) =>
      db.dataSource.query(
        'INSERT INTO organisations (id, account_id, kind, name, language, managing_organisation_id, privacy, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [id, accountId, kind, name, 'en', managing, '{}', at],
      );
    await insertOrganisation(parentId, OrganisationKind.DEFAULT, 'Before namespaces', null);
    await insertOrganisation(customerId, OrganisationKind.CUSTOMER, 'Customer', parentId);
    await withMigrationSafeForeignKeys(db.dataSource, () => db.dataSource.runMigrations({ transaction: 'each' }));
    const namespaces = await db.dataSource.getRepository(OrganisationRecord).find({ select: { id: true, nameNamespace: true }, where: { accountId } });
    expect(Object.fromEntries(namespaces.map((row) => [row.id, row.nameNamespace]))).toEqual({ [parentId]: accountId, [customerId]: parentId });
  });

  it('give every existing user the search terms of their names and addresses', async () => {
    const organisationId = await saveOrganisation('Searchable');
    // Written past createUser, as rows stood before the migration: without terms.
    const { id: userId, ...user } = userRow(organisationId, 'Jos.Brink', { firstName: 'José', lastName: 'Brink' });
    await db.dataSource.getRepository(UserRecord).insert({ id: userId, ...user, email: 'jos@brink.example' });
    const position = db.dataSource.migrations.findIndex((migration) => migration.name?.startsWith('UserSearchTerms'));
    for (let i = position; i < db.dataSource.migrations.length; i++)
      await withMigrationSafeForeignKeys(db.dataSource, () => db.dataSource.undoLastMigration({ transaction: 'each' }));
    await withMigrationSafeForeignKeys(db.dataSource, () => db.dataSource.runMigrations({ transaction: 'each' }));
    const terms = await db.dataSource.query('SELECT term, organisation_id FROM user_search_terms WHERE user_id = ? ORDER BY term', [userId]);
    expect(terms).toEqual(
      ['brink', 'brink.example', 'example', 'jos.brink', 'jos@brink.example', 'jose', 'jose brink'].map((term) => ({ term, organisation_id: organisationId })),
    );
  });

  it('keep millisecond precision of timestamps', async () => {
    const createdAt = new Date('2026-01-02T03:04:05.678Z');
    const id = randomUUID();
    await db.dataSource.getRepository(AccountRecord).insert({ id, name: 'Precise', seatLimit: 1, ownerUserId: null, createdAt });
    expect((await db.dataSource.getRepository(AccountRecord).findOneByOrFail({ id })).createdAt.toISOString()).toBe(createdAt.toISOString());
  });

  it('keep every row when later migrations are reverted and run again (table rebuilds cascade nothing)', async () => {
    const organisationId = await saveOrganisation('Upgrade');
    const { id: userId, ...user } = userRow(organisationId, 'upgrade.user');
    await db.dataSource.getRepository(UserRecord).insert({ id: userId, ...user });
    await db.dataSource.getRepository(SessionRecord).insert({
      id: randomUUID(),
      userId,
      familyId: randomUUID(),
      refreshTokenHash: randomUUID(),
      activeOrganisationId: organisationId,
      expiresAt: new Date(Date.now() + 60_000),
      revokedAt: null,
      createdAt: new Date(),
    });
    const later = db.dataSource.migrations.length - 1;
    for (let i = 0; i < later; i++) await withMigrationSafeForeignKeys(db.dataSource, () => db.dataSource.undoLastMigration({ transaction: 'each' }));
    await withMigrationSafeForeignKeys(db.dataSource, () => db.dataSource.runMigrations({ transaction: 'each' }));
    expect(await db.dataSource.getRepository(SessionRecord).countBy({ userId })).toBe(1);
    expect(await db.dataSource.getRepository(UserRecord).countBy({ id: userId })).toBe(1);
  });

  it('give existing OWNER roles schema.read once, and no other role', async () => {
    const position = db.dataSource.migrations.findIndex((migration) => migration.name?.startsWith('OwnerSchemaRead'));
    const undoFromPosition = async () => {
      for (let i = position; i < db.dataSource.migrations.length; i++)
        await withMigrationSafeForeignKeys(db.dataSource, () => db.dataSource.undoLastMigration({ transaction: 'each' }));
    };
    await undoFromPosition();
    // By table name, not entity: today's entity has columns that later migrations add (accounts.onboarding_policy).
    const account = { id: randomUUID() };
    await db.dataSource.query('INSERT INTO accounts (id, name, seat_limit, owner_user_id, created_at) VALUES (?, ?, ?, NULL, CURRENT_TIMESTAMP)', [
      account.id,
      'Before schema.read',
      5,
    ]);
    const organisation = organisationRow(account.id, 'Before schema.read');
    const organisationId = organisation.id;
    await db.dataSource.getRepository(OrganisationRecord).insert(organisation);
    const role = (key: string, builtIn: boolean, permissions: string[]) => ({
      id: randomUUID(),
      organisationId,
      key,
      name: key,
      builtIn,
      permissions,
      createdAt: new Date(),
    });
    const roles = [
      role('OWNER', true, ['organisation.read', 'templates.use']),
      role('MANAGER', true, ['organisation.read']),
      role('ANALYST', false, ['users.read']),
    ];
    await db.dataSource.getRepository(RoleRecord).insert(roles);
    const permissionsByKey = async () =>
      Object.fromEntries((await db.dataSource.getRepository(RoleRecord).findBy({ organisationId })).map((row) => [row.key, row.permissions]));

    await withMigrationSafeForeignKeys(db.dataSource, () => db.dataSource.runMigrations({ transaction: 'each' }));
    expect(await permissionsByKey()).toEqual({
      OWNER: ['organisation.read', 'templates.use', 'schema.read'],
      MANAGER: ['organisation.read'],
      ANALYST: ['users.read'],
    });

    await db.dataSource.getRepository(RoleRecord).update({ organisationId, key: 'ANALYST' }, { permissions: ['users.read', 'schema.read'] });
    await undoFromPosition();
    expect(await permissionsByKey()).toEqual({ OWNER: ['organisation.read', 'templates.use'], MANAGER: ['organisation.read'], ANALYST: ['users.read'] });
    await withMigrationSafeForeignKeys(db.dataSource, () => db.dataSource.runMigrations({ transaction: 'each' }));
    expect((await permissionsByKey()).OWNER).toEqual(['organisation.read', 'templates.use', 'schema.read']);
  });
});
