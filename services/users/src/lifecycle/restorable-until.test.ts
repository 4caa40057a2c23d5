import type { UserPrincipal } from '@tenantry/auth';
import { RESTORE_WINDOW_DAYS } from '@tenantry/config';
import type { OrganisationSeed } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { startTestbed } from '../testing/users.testkit';

const USER = `query($id: ID!) { user(id: $id) { status archivedAt restorableUntil } }`;

describe('User.restorableUntil', () => {
  let bed: UsersTestbed;
  let support: OrganisationSeed;
  let manager: UserPrincipal;

  beforeAll(async () => {
    bed = await startTestbed();
    support = await (await bed.seed.createAccount()).createOrganisation();
    manager = await (await support.createUser('MANAGER')).principal();
  });
  afterAll(() => bed.close());

  it(`is archivedAt plus ${RESTORE_WINDOW_DAYS} days while the user is archived, and null once restored`, async () => {
    const user = await support.createUser('OPERATOR');
    expect((await bed.query(manager, USER, { id: user.id })).data.user).toEqual({ status: 'ACTIVE', archivedAt: null, restorableUntil: null });

    await bed.query(manager, 'mutation($id: ID!) { archiveUser(id: $id) { id } }', { id: user.id });
    const archived = (await bed.query(manager, USER, { id: user.id })).data.user;
    expect(archived.status).toBe('ARCHIVED');
    expect(new Date(archived.restorableUntil).getTime() - new Date(archived.archivedAt).getTime()).toBe(RESTORE_WINDOW_DAYS * 86_400_000);

    await bed.query(manager, 'mutation($id: ID!) { restoreUser(id: $id) { id } }', { id: user.id });
    expect((await bed.query(manager, USER, { id: user.id })).data.user.restorableUntil).toBeNull();
  });
});
