import type { UserPrincipal } from '@tenantry/auth';
import { IsNull } from '@tenantry/database';
import { AuditEventRecord, SessionRecord, UserRecord, UserStatus } from '@tenantry/users-module';
import type { AccountSeed, OrganisationSeed, UserSeed } from '@tenantry/testing';
import { SEED_PASSWORD } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { errorCode, LOGIN, startTestbed } from '../testing/users.testkit';
import { purgeArchivedUsers } from './purge.job';

const mutation = (name: string) => `mutation($id: ID!) { ${name}(id: $id) { id status archivedAt } }`;

describe('user lifecycle: suspend, unlock, archive, restore, delete', () => {
  let bed: UsersTestbed;
  let account: AccountSeed;
  let support: OrganisationSeed;
  let manager: UserSeed;
  let managerPrincipal: UserPrincipal;

  beforeAll(async () => {
    bed = await startTestbed();
    account = await bed.seed.createAccount();
    support = await account.createOrganisation();
    manager = await support.createUser('MANAGER');
    managerPrincipal = await manager.principal();
  });
  afterAll(() => bed.close());
  afterEach(() => bed.clock.reset());

  const act = (name: string, id: string, principal = managerPrincipal) => bed.query(principal, mutation(name), { id });
  const login = (user: UserSeed) => bed.anonymous(LOGIN, { username: user.record.username, password: SEED_PASSWORD });
  const stored = (id: string) => bed.db.dataSource.getRepository(UserRecord).findOneBy({ id });

  it("suspending refuses the user's old token on the very next request and every login; restoring access grants it again", async () => {
    const user = await support.createUser('OPERATOR');
    const { accessToken } = (await login(user)).data.login;
    expect(await bed.principalOf(accessToken)).not.toBeNull();

    const suspended = await act('suspendUser', user.id);
    expect(suspended.data.suspendUser.status).toBe('SUSPENDED');
    expect(await bed.principalOf(accessToken)).toBeNull();
    expect(await bed.db.dataSource.getRepository(SessionRecord).countBy({ userId: user.id, revokedAt: IsNull() })).toBe(0);
    expect(errorCode(await login(user))).toBe('UNAUTHENTICATED');

    expect((await act('restoreAccess', user.id)).data.restoreAccess.status).toBe('ACTIVE');
    expect((await login(user)).errors).toBeUndefined();
    expect(errorCode(await act('restoreAccess', user.id))).toBe('BAD_USER_INPUT');
  });

  it('an administrator unlocks a locked user', async () => {
    const user = await support.createUser('OPERATOR');
    await bed.db.dataSource.getRepository(UserRecord).update({ id: user.id }, { status: UserStatus.LOCKED, failedLoginCount: 3 });
    expect(errorCode(await login(user))).toBe('UNAUTHENTICATED');
    expect((await act('unlockUser', user.id)).data.unlockUser.status).toBe('ACTIVE');
    expect(await stored(user.id)).toMatchObject({ failedLoginCount: 0 });
    expect((await login(user)).errors).toBeUndefined();
    expect(errorCode(await act('unlockUser', user.id))).toBe('BAD_USER_INPUT');
  });

  it('archiving ends access at once; restoring works on day 29 and not after day 30', async () => {
    const early = await support.createUser('OPERATOR');
    const late = await support.createUser('OPERATOR');
    const { accessToken } = (await login(early)).data.login;
    expect((await act('archiveUser', early.id)).data.archiveUser.status).toBe('ARCHIVED');
    expect((await act('archiveUser', late.id)).data.archiveUser.status).toBe('ARCHIVED');
    expect(await bed.principalOf(accessToken)).toBeNull();
    expect(errorCode(await login(early))).toBe('UNAUTHENTICATED');

    bed.clock.advanceDays(29);
    const restored = await act('restoreUser', early.id);
    expect(restored.errors).toBeUndefined();
    expect(restored.data.restoreUser).toMatchObject({ status: 'ACTIVE', archivedAt: null });
    expect((await login(early)).errors).toBeUndefined();

    bed.clock.advanceDays(2);
    expect(errorCode(await act('restoreUser', late.id))).toBe('RESTORE_WINDOW_PASSED');
    expect((await stored(late.id))!.status).toBe(UserStatus.ARCHIVED);
  });

  it('purges users archived more than 30 days ago, and only those', async () => {
    const old = await support.createUser('OPERATOR');
    const recent = await support.createUser('OPERATOR');
    await act('archiveUser', old.id);
    bed.clock.advanceDays(2);
    await act('archiveUser', recent.id);
    bed.clock.advanceDays(29);
    // old: 31 days archived; recent: 29 days.
    const purged = await purgeArchivedUsers(bed.db.dataSource, { now: bed.clock.now, restoreWindowDays: 30 });
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await stored(old.id)).toBeNull();
    expect(await stored(recent.id)).not.toBeNull();
    expect(await bed.db.dataSource.getRepository(AuditEventRecord).countBy({ targetId: old.id, action: 'user.purged' })).toBe(1);
    expect(await purgeArchivedUsers(bed.db.dataSource, { now: bed.clock.now, restoreWindowDays: 30 })).toBe(0);
  });

  it('restoring needs a free seat', async () => {
    const small = await bed.seed.createAccount(undefined, 2);
    const user = await small.defaultOrganisation.createUser('OPERATOR');
    const owner = await small.owner.principal();
    await act('archiveUser', user.id, owner);
    await small.defaultOrganisation.createUser('OPERATOR');
    expect(errorCode(await act('restoreUser', user.id, owner))).toBe('SEAT_LIMIT_REACHED');
  });

  it('deleting removes the user and ends their sessions at once', async () => {
    const user = await support.createUser('OPERATOR');
    const { accessToken } = (await login(user)).data.login;
    const principal = (await bed.principalOf(accessToken))!;
    expect((await bed.query(managerPrincipal, 'mutation($id: ID!) { deleteUser(id: $id) }', { id: user.id })).data).toEqual({ deleteUser: true });
    expect(await stored(user.id)).toBeNull();
    expect(await bed.principalOf(accessToken)).toBeNull();
    expect(errorCode(await login(user))).toBe('UNAUTHENTICATED');
    expect(principal.userId).toBe(user.id);
    expect(errorCode(await bed.query(managerPrincipal, 'mutation($id: ID!) { deleteUser(id: $id) }', { id: user.id }))).toBe('NOT_FOUND');
  });

  it('nobody suspends, archives or deletes themself or the account owner', async () => {
    expect(errorCode(await act('suspendUser', manager.id))).toBe('BAD_USER_INPUT');
    const owner = await account.owner.principal();
    const promotedManager = await account.defaultOrganisation.createUser('MANAGER');
    const inDefault = await promotedManager.principal();
    expect(errorCode(await act('archiveUser', account.owner.id, inDefault))).toBe('FORBIDDEN');
    expect(errorCode(await bed.query(inDefault, 'mutation($id: ID!) { deleteUser(id: $id) }', { id: account.owner.id }))).toBe('FORBIDDEN');
    expect(errorCode(await act('suspendUser', owner.userId, owner))).toBe('BAD_USER_INPUT');
  });

  it('answers users of other accounts like missing ones, and needs users.manage', async () => {
    const stranger = await (await bed.seed.createAccount()).defaultOrganisation.createUser('OPERATOR');
    for (const name of ['suspendUser', 'restoreAccess', 'unlockUser', 'archiveUser', 'restoreUser']) {
      expect(errorCode(await act(name, stranger.id))).toBe('NOT_FOUND');
    }
    expect(errorCode(await bed.query(managerPrincipal, 'mutation($id: ID!) { deleteUser(id: $id) }', { id: stranger.id }))).toBe('NOT_FOUND');
    expect((await stored(stranger.id))!.status).toBe(UserStatus.ACTIVE);
    const operator = await (await support.createUser('OPERATOR')).principal();
    const colleague = await support.createUser('OPERATOR');
    expect(errorCode(await act('suspendUser', colleague.id, operator))).toBe('FORBIDDEN');
  });

  it('audits every change with actor and target, in the same transaction, listed newest first', async () => {
    const user = await support.createUser('OPERATOR');
    await act('suspendUser', user.id);
    await act('restoreAccess', user.id);
    const AUDIT = `query($organisationId: ID!, $first: Int, $after: String) {
      auditEvents(organisationId: $organisationId, first: $first, after: $after) { totalCount edges { node { action actorId targetId details } } pageInfo { hasNextPage endCursor } }
    }`;
    const page = (await bed.query(managerPrincipal, AUDIT, { organisationId: support.id, first: 2 })).data.auditEvents;
    expect(page.edges.map((edge: { node: { action: string } }) => edge.node.action)).toEqual(['user.access_restored', 'user.suspended']);
    expect(page.edges[1].node).toMatchObject({ actorId: manager.id, targetId: user.id });
    expect(JSON.parse(page.edges[1].node.details)).toMatchObject({ from: 'ACTIVE', to: 'SUSPENDED' });
    const next = (await bed.query(managerPrincipal, AUDIT, { organisationId: support.id, first: 2, after: page.pageInfo.endCursor })).data.auditEvents;
    expect(next.edges).toHaveLength(2);
    expect(next.edges[0].node.action).not.toBe('user.access_restored');
    const operator = await (await support.createUser('OPERATOR')).principal();
    expect(errorCode(await bed.query(operator, AUDIT, { organisationId: support.id }))).toBe('FORBIDDEN');
    const stranger = await (await (await bed.seed.createAccount()).defaultOrganisation.createUser('MANAGER')).principal();
    expect(errorCode(await bed.query(stranger, AUDIT, { organisationId: support.id }))).toBe('NOT_FOUND');
  });

  it('an archived user is no operator: the last other one cannot be archived or deleted (LAST_OPERATOR), the archived one can be deleted', async () => {
    const branch = await account.createOrganisation();
    const archived = await branch.createUser('OPERATOR');
    const last = await branch.createUser('OPERATOR');
    const owner = await account.owner.principal();
    expect((await act('archiveUser', archived.id, owner)).errors).toBeUndefined();
    expect((await act('archiveUser', last.id, owner)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'LAST_OPERATOR' });
    expect((await bed.query(owner, 'mutation($id: ID!) { deleteUser(id: $id) }', { id: last.id })).errors?.[0]?.extensions).toMatchObject({
      reason: 'LAST_OPERATOR',
    });
    expect((await bed.query(owner, 'mutation($id: ID!) { deleteUser(id: $id) }', { id: archived.id })).data).toEqual({ deleteUser: true });
    expect((await stored(last.id))?.status).toBe(UserStatus.ACTIVE);
  });
});
