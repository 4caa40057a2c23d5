import type { UserPrincipal } from '@tenantry/auth';
import { PromotionRecord, RoleAssignmentRecord, RoleRecord } from '@tenantry/permissions-module';
import { AuditEventRecord } from '@tenantry/users-module';
import type { AccountSeed, OrganisationSeed, TestDatabase, UserSeed } from '@tenantry/testing';
import { snapshotAllRows, createTestDatabase, errorCodes, initSeed, SubgraphHarness, TEST_PRINCIPAL_SECRET } from '@tenantry/testing';
import { createPermissionsServer } from '../server';

const CREATE = `mutation($input: CreateRoleInput!) { createRole(input: $input) { id key name builtIn permissions } }`;
const UPDATE = `mutation($id: ID!, $input: UpdateRoleInput!) { updateRole(id: $id, input: $input) { id key name permissions } }`;
const DELETE = `mutation($id: ID!, $replacement: ID) { deleteRole(id: $id, replacementRoleId: $replacement) }`;
const ASSIGN = `mutation($userId: ID!, $roleId: ID!) { assignRole(userId: $userId, roleId: $roleId) { id role { key } permissions } }`;
const MISSING_ID = '00000000-0000-0000-0000-000000000000';

describe('role lifecycle', () => {
  let db: TestDatabase;
  let subgraph: SubgraphHarness;
  let account: AccountSeed;
  let home: OrganisationSeed;
  let customer: OrganisationSeed;
  let manager: UserPrincipal;
  let operator: UserSeed;
  let foreignRoleId: string;
  let foreignUserId: string;
  let foreignOrganisationId: string;

  const roleId = async (organisationId: string, key: string) => (await db.dataSource.getRepository(RoleRecord).findOneByOrFail({ organisationId, key })).id;
  const create = async (input: { organisationId?: string; name: string; permissions: string[] }) =>
    subgraph.query(manager, CREATE, { input: { organisationId: home.id, ...input } });

  beforeAll(async () => {
    db = await createTestDatabase();
    const seed = initSeed(db.dataSource);
    account = await seed.createAccount();
    home = account.defaultOrganisation;
    customer = await home.createCustomer('Acme');
    manager = await (await home.createUser('MANAGER')).principal();
    operator = await home.createUser('OPERATOR');
    const foreign = await seed.createAccount();
    foreignOrganisationId = foreign.defaultOrganisation.id;
    foreignUserId = (await foreign.defaultOrganisation.createUser('OPERATOR')).id;
    foreignRoleId = await roleId(foreignOrganisationId, 'OPERATOR');
    subgraph = await SubgraphHarness.start(await createPermissionsServer(db.dataSource, TEST_PRINCIPAL_SECRET), 'permissions');
  });
  afterAll(async () => {
    await subgraph.stop();
    await db.drop();
  });

  describe('createRole', () => {
    it('adds a custom role with a key from its name and catalog-ordered permissions, audited', async () => {
      const response = await create({ name: 'Night shift', permissions: ['users.invite', 'chats.access', 'chats.access'] });
      expect(response.errors).toBeUndefined();
      expect(response.data.createRole).toMatchObject({
        key: 'NIGHT_SHIFT',
        name: 'Night shift',
        builtIn: false,
        permissions: ['users.invite', 'chats.access'],
      });
      const listed = await subgraph.query(manager, `query($id: ID!) { roles(organisationId: $id) { key } }`, { id: home.id });
      expect(listed.data.roles.map((role: { key: string }) => role.key)).toContain('NIGHT_SHIFT');
      const audit = await db.dataSource.getRepository(AuditEventRecord).findOneByOrFail({ action: 'role.created', targetId: response.data.createRole.id });
      expect(audit).toMatchObject({ actorUserId: manager.userId, organisationId: home.id });
    });

    it('gives a name without latin letters a key from its id, and never a built-in key', async () => {
      const cyrillic = await create({ name: 'Оператор', permissions: [] });
      expect(cyrillic.data.createRole.key).toMatch(/^ROLE_[0-9A-F]{8}$/);
      const clash = await create({ name: 'Member', permissions: [] });
      expect(clash.data.createRole.key).toBe('MEMBER_2');
    });

    it.each([
      ['an unknown permission', { name: 'Typo', permissions: ['chats.acess'] }, 'BAD_USER_INPUT'],
      ['an empty name', { name: '', permissions: [] }, 'BAD_USER_INPUT'],
      ['a name taken in the organisation (ignoring case)', { name: 'night SHIFT', permissions: [] }, 'BAD_USER_INPUT'],
      ['a permission the caller does not hold', { name: 'Destroyer', permissions: ['organisation.delete'] }, 'FORBIDDEN'],
    ])('refuses %s and changes nothing', async (_case, input, code) => {
      const before = await snapshotAllRows(db.dataSource);
      expect(errorCodes(await create(input))).toEqual([code]);
      expect(await snapshotAllRows(db.dataSource)).toEqual(before);
    });

    it.each(['templates.use', 'customers.manage'])("never gives a customer organisation's role %s", async (permission) => {
      const before = await snapshotAllRows(db.dataSource);
      const answer = await create({ organisationId: customer.id, name: 'Editors', permissions: ['users.read', permission] });
      expect(errorCodes(answer)).toEqual(['BAD_USER_INPUT']);
      expect(answer.errors![0].message).toContain(permission);
      expect(await snapshotAllRows(db.dataSource)).toEqual(before);
    });

    it('answers a foreign organisation exactly like a missing one, changing nothing', async () => {
      const before = await snapshotAllRows(db.dataSource);
      const foreign = await create({ organisationId: foreignOrganisationId, name: 'Intruder', permissions: [] });
      const missing = await create({ organisationId: MISSING_ID, name: 'Intruder', permissions: [] });
      expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
      expect(foreign.errors![0].message).toBe(missing.errors![0].message);
      expect(await snapshotAllRows(db.dataSource)).toEqual(before);
    });

    it('is refused to a caller without roles.manage', async () => {
      const answer = await subgraph.query(await operator.principal(), CREATE, { input: { organisationId: home.id, name: 'Mine', permissions: [] } });
      expect(errorCodes(answer)).toEqual(['FORBIDDEN']);
    });
  });

  describe('updateRole', () => {
    it('renames a custom role and replaces its permissions; its key stays', async () => {
      const id = await roleId(home.id, 'NIGHT_SHIFT');
      const response = await subgraph.query(manager, UPDATE, { id, input: { name: 'Late shift', permissions: ['chats.access', 'chats.transfer'] } });
      expect(response.data.updateRole).toEqual({ id, key: 'NIGHT_SHIFT', name: 'Late shift', permissions: ['chats.access', 'chats.transfer'] });
      expect(await db.dataSource.getRepository(AuditEventRecord).existsBy({ action: 'role.updated', targetId: id })).toBe(true);
    });

    it('refuses built-in roles, foreign roles (like missing ones) and ungrantable permissions, changing nothing', async () => {
      const before = await snapshotAllRows(db.dataSource);
      const builtIn = await subgraph.query(manager, UPDATE, { id: await roleId(home.id, 'OPERATOR'), input: { permissions: ['chats.access'] } });
      expect(errorCodes(builtIn)).toEqual(['BAD_USER_INPUT']);
      const foreign = await subgraph.query(manager, UPDATE, { id: foreignRoleId, input: { name: 'Hijacked' } });
      const missing = await subgraph.query(manager, UPDATE, { id: MISSING_ID, input: { name: 'Hijacked' } });
      expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
      expect(foreign.errors![0].message).toBe(missing.errors![0].message);
      const escalation = await subgraph.query(manager, UPDATE, { id: await roleId(home.id, 'NIGHT_SHIFT'), input: { permissions: ['organisation.create'] } });
      expect(errorCodes(escalation)).toEqual(['FORBIDDEN']);
      expect(await snapshotAllRows(db.dataSource)).toEqual(before);
    });
  });

  describe('assignRole', () => {
    it("takes effect on the user's next request", async () => {
      const { id } = (await create({ name: 'Recruiter', permissions: ['users.read', 'users.invite'] })).data.createRole;
      const before = await operator.principal();
      expect(before).toMatchObject({ roleKey: 'OPERATOR' });
      expect(before.permissions).not.toContain('users.invite');
      const response = await subgraph.query(manager, ASSIGN, { userId: operator.id, roleId: id });
      expect(response.data.assignRole).toEqual({ id: operator.id, role: { key: 'RECRUITER' }, permissions: ['users.read', 'users.invite'] });
      const after = await operator.principal();
      expect(after).toMatchObject({ roleKey: 'RECRUITER', permissions: ['users.read', 'users.invite'] });
      expect(await db.dataSource.getRepository(AuditEventRecord).findOneByOrFail({ action: 'role.assigned', targetId: operator.id })).toMatchObject({
        details: { roleKey: 'RECRUITER', previousRoleKey: 'OPERATOR' },
      });
    });

    it('shows the new role when one request assigns twice', async () => {
      const query = `mutation($userId: ID!, $a: ID!, $b: ID!) { a: assignRole(userId: $userId, roleId: $a) { role { key } } b: assignRole(userId: $userId, roleId: $b) { role { key } } }`;
      const response = await subgraph.query(manager, query, {
        userId: operator.id,
        a: await roleId(home.id, 'OPERATOR'),
        b: await roleId(home.id, 'RECRUITER'),
      });
      expect(response.data).toEqual({ a: { role: { key: 'OPERATOR' } }, b: { role: { key: 'RECRUITER' } } });
    });

    it('refuses OWNER, the owner, a role of another organisation, foreign ids and escalation, changing nothing', async () => {
      const before = await snapshotAllRows(db.dataSource);
      const assign = async (userId: string, role: string) => errorCodes(await subgraph.query(manager, ASSIGN, { userId, roleId: role }));
      expect(await assign(operator.id, await roleId(home.id, 'OWNER'))).toEqual(['BAD_USER_INPUT']);
      // Only the account owner administers the account owner.
      expect(await assign(account.owner.id, await roleId(home.id, 'OPERATOR'))).toEqual(['FORBIDDEN']);
      expect(await assign(operator.id, await roleId(customer.id, 'MEMBER'))).toEqual(['BAD_USER_INPUT']);
      expect(await assign(foreignUserId, await roleId(home.id, 'OPERATOR'))).toEqual(['NOT_FOUND']);
      expect(await assign(operator.id, foreignRoleId)).toEqual(['NOT_FOUND']);
      const foreignUser = await subgraph.query(manager, ASSIGN, { userId: foreignUserId, roleId: await roleId(home.id, 'OPERATOR') });
      const missingUser = await subgraph.query(manager, ASSIGN, { userId: MISSING_ID, roleId: await roleId(home.id, 'OPERATOR') });
      expect(foreignUser.errors![0].message).toBe(missingUser.errors![0].message);
      expect(await snapshotAllRows(db.dataSource)).toEqual(before);
    });

    it('lets nobody hand out or take away permissions they do not hold', async () => {
      const colleague = await home.createUser('MANAGER');
      const keeper = await home.createUser('OPERATOR');
      const { id } = (await create({ name: 'Role keeper', permissions: ['users.read', 'roles.manage'] })).data.createRole;
      expect(errorCodes(await subgraph.query(manager, ASSIGN, { userId: keeper.id, roleId: id }))).toEqual([]);
      const principal = await keeper.principal();
      const before = await snapshotAllRows(db.dataSource);
      const operatorRole = await roleId(home.id, 'OPERATOR');
      expect(errorCodes(await subgraph.query(principal, ASSIGN, { userId: keeper.id, roleId: operatorRole }))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await subgraph.query(principal, ASSIGN, { userId: colleague.id, roleId: id }))).toEqual(['FORBIDDEN']);
      expect(await snapshotAllRows(db.dataSource)).toEqual(before);
    });
  });

  describe('deleteRole', () => {
    it('refuses built-in roles, an assigned role without replacement, and a foreign replacement, changing nothing', async () => {
      const recruiter = await roleId(home.id, 'RECRUITER');
      const before = await snapshotAllRows(db.dataSource);
      expect(errorCodes(await subgraph.query(manager, DELETE, { id: await roleId(home.id, 'OPERATOR'), replacement: null }))).toEqual(['BAD_USER_INPUT']);
      const assigned = await subgraph.query(manager, DELETE, { id: recruiter, replacement: null });
      expect(errorCodes(assigned)).toEqual(['BAD_USER_INPUT']);
      expect(assigned.errors![0].extensions).toMatchObject({ assignedUsers: 1 });
      expect(errorCodes(await subgraph.query(manager, DELETE, { id: recruiter, replacement: foreignRoleId }))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await subgraph.query(manager, DELETE, { id: recruiter, replacement: await roleId(customer.id, 'MEMBER') }))).toEqual(['NOT_FOUND']);
      expect(errorCodes(await subgraph.query(manager, DELETE, { id: recruiter, replacement: await roleId(home.id, 'OWNER') }))).toEqual(['BAD_USER_INPUT']);
      expect(errorCodes(await subgraph.query(manager, DELETE, { id: foreignRoleId, replacement: null }))).toEqual(['NOT_FOUND']);
      expect(await snapshotAllRows(db.dataSource)).toEqual(before);
    });

    it('moves the holders to the replacement in the same transaction; they hold it on their next request', async () => {
      const recruiter = await roleId(home.id, 'RECRUITER');
      const replacement = await roleId(home.id, 'OPERATOR');
      const response = await subgraph.query(manager, DELETE, { id: recruiter, replacement });
      expect(response.data).toEqual({ deleteRole: true });
      expect(await db.dataSource.getRepository(RoleRecord).existsBy({ id: recruiter })).toBe(false);
      expect(await db.dataSource.getRepository(RoleAssignmentRecord).countBy({ roleId: recruiter })).toBe(0);
      expect(await operator.principal()).toMatchObject({ roleKey: 'OPERATOR' });
      expect(await db.dataSource.getRepository(AuditEventRecord).findOneByOrFail({ action: 'role.deleted', targetId: recruiter })).toMatchObject({
        details: { reassignedUsers: 1, replacementRoleKey: 'OPERATOR' },
      });
    });

    it('deletes an unassigned custom role without a replacement', async () => {
      const id = await roleId(home.id, 'NIGHT_SHIFT');
      expect((await subgraph.query(manager, DELETE, { id })).data).toEqual({ deleteRole: true });
      expect(await db.dataSource.getRepository(RoleRecord).existsBy({ id })).toBe(false);
    });
  });

  describe('changing a role administers its holders', () => {
    it('a manager cannot change, or delete with a replacement, a custom role held by a colleague the owner promoted elsewhere', async () => {
      const branch = await account.createOrganisation();
      const branchManager = await (await branch.createUser('MANAGER')).principal();
      const colleague = await branch.createUser('OPERATOR');
      const created = await subgraph.query(branchManager, CREATE, { input: { organisationId: branch.id, name: 'Night shift', permissions: ['chats.access'] } });
      const { id } = created.data.createRole;
      expect((await subgraph.query(branchManager, ASSIGN, { userId: colleague.id, roleId: id })).errors).toBeUndefined();
      await db.dataSource.getRepository(PromotionRecord).insert({ userId: colleague.id, organisationId: home.id, grantedAt: new Date() });

      const before = await snapshotAllRows(db.dataSource);
      const widen = await subgraph.query(branchManager, UPDATE, { id, input: { permissions: ['chats.access', 'users.manage'] } });
      expect(errorCodes(widen)).toEqual(['FORBIDDEN']);
      const replace = await subgraph.query(branchManager, DELETE, { id, replacement: await roleId(branch.id, 'MANAGER') });
      expect(errorCodes(replace)).toEqual(['FORBIDDEN']);
      expect(await snapshotAllRows(db.dataSource)).toEqual(before);
      // Renaming changes nobody's rights.
      expect((await subgraph.query(branchManager, UPDATE, { id, input: { name: 'Late shift' } })).errors).toBeUndefined();
    });
  });
});
