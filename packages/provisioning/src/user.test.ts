import { UserRecord } from '@tenantry/users-module';
import type { TestDatabase } from '@tenantry/testing';
import { createTestDatabase, initSeed } from '@tenantry/testing';
import { withTransaction } from '@tenantry/database';
import { createUserWithRole } from './user';

describe('createUserWithRole', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  it('answers USERNAME_TAKEN to every loser of a race for one username, and creates the user once', async () => {
    const organisationId = (await initSeed(db.dataSource).createAccount()).defaultOrganisation.id;
    const attempts = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        withTransaction(db.dataSource, (manager) => createUserWithRole(manager, { organisationId, username: 'raced.name', roleKey: 'OPERATOR' })),
      ),
    );
    const codes = attempts.map((attempt) => (attempt.status === 'fulfilled' ? 'OK' : (attempt.reason as { extensions?: { code?: string } }).extensions?.code));
    expect(codes.sort()).toEqual(['OK', ...Array(7).fill('USERNAME_TAKEN')]);
    expect(await db.dataSource.getRepository(UserRecord).countBy({ username: 'raced.name' })).toBe(1);
  });

  it('treats a username differing only in case as another user', async () => {
    const organisationId = (await initSeed(db.dataSource).createAccount()).defaultOrganisation.id;
    await withTransaction(db.dataSource, (manager) => createUserWithRole(manager, { organisationId, username: 'Case.Name', roleKey: 'OPERATOR' }));
    await withTransaction(db.dataSource, (manager) => createUserWithRole(manager, { organisationId, username: 'case.name', roleKey: 'OPERATOR' }));
    expect(await db.dataSource.getRepository(UserRecord).countBy({ organisationId })).toBe(3);
  });
});
