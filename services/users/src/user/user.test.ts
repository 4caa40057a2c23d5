import type { UserPrincipal } from '@tenantry/auth';
import { OperatorGroupMemberRecord, OperatorGroupRecord } from '@tenantry/organisations-module';
import { AuditEventRecord, UserRecord, UserStatus } from '@tenantry/users-module';
import type { AccountSeed, OrganisationSeed, UserSeed } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { ACTIVATE, errorCode, LOGIN, NEW_PASSWORD, startTestbed, tokenIn } from '../testing/users.testkit';
import { MASKED_MOBILE } from './user.resolver';

const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id username email screenName status mobile organisation { id } } }`;
const USERS = `query($organisationId: ID!, $status: [UserStatus!], $search: String, $first: Int, $after: String) {
  users(organisationId: $organisationId, status: $status, search: $search, first: $first, after: $after) {
    totalCount edges { node { username status } cursor } pageInfo { hasNextPage endCursor }
  }
}`;
const UPDATE = `mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id username firstName screenName mobile } }`;

let counter = 0;
const person = (overrides: Record<string, unknown> = {}) => {
  counter++;
  return {
    username: `person.${process.pid}.${counter}`,
    email: `person${counter}.${process.pid}@example.com`,
    firstName: 'Ada',
    lastName: `Lovelace${counter}`,
    roleKey: 'OPERATOR',
    ...overrides,
  };
};

describe('users: creating, listing and editing', () => {
  let bed: UsersTestbed;
  let account: AccountSeed;
  let support: OrganisationSeed;
  let manager: UserSeed;
  let managerPrincipal: UserPrincipal;
  let operatorPrincipal: UserPrincipal;
  let foreignOrganisationId: string;
  let foreignUserId: string;

  beforeAll(async () => {
    bed = await startTestbed();
    account = await bed.seed.createAccount();
    support = await account.createOrganisation();
    manager = await support.createUser('MANAGER');
    managerPrincipal = await manager.principal();
    operatorPrincipal = await (await support.createUser('OPERATOR')).principal();
    const foreign = await bed.seed.createAccount();
    foreignOrganisationId = foreign.defaultOrganisation.id;
    foreignUserId = foreign.owner.id;
  });
  afterAll(() => bed.close());

  const create = (input: Record<string, unknown>, principal = managerPrincipal) =>
    bed.query(principal, CREATE, { input: { organisationId: support.id, ...input } });

  it('creates an INVITED user and mails the username and an activation link that activates them', async () => {
    const input = person({ mobile: '+49 30 1234567' });
    const response = await create(input);
    expect(response.errors).toBeUndefined();
    const created = response.data.createUser;
    expect(created).toMatchObject({ username: input.username, status: 'INVITED', screenName: `Ada ${input.lastName}`, organisation: { id: support.id } });

    const mails = await bed.mailsTo(input.email as string);
    expect(mails).toHaveLength(2);
    expect(mails[0].body).toContain(input.username as string);
    const activated = await bed.anonymous(ACTIVATE, { token: tokenIn(mails[1].body, 'activate'), password: NEW_PASSWORD });
    expect(activated.errors).toBeUndefined();
    expect(activated.data.activateAccount.user).toEqual({ id: created.id, status: 'ACTIVE' });
    expect((await bed.anonymous(LOGIN, { username: input.username, password: NEW_PASSWORD })).data.login.user.id).toBe(created.id);

    const audit = await bed.db.dataSource.getRepository(AuditEventRecord).findBy({ targetId: created.id });
    expect(audit.map((event) => event.action)).toEqual(expect.arrayContaining(['user.created', 'user.activated', 'user.login']));
    expect(JSON.stringify(audit)).not.toContain(NEW_PASSWORD);
  });

  it('sends both mails to another address when asked and can use the email as username', async () => {
    const input = person({ username: undefined, useEmailAsUsername: true, sendMailsTo: `boss.${process.pid}@example.com` });
    const response = await create(input);
    expect(response.data.createUser.username).toBe(input.email);
    expect(await bed.mailsTo(input.email as string)).toHaveLength(0);
    expect(await bed.mailsTo(`boss.${process.pid}@example.com`)).toHaveLength(2);
  });

  it('treats a username differing only in case as a different user, and an exact duplicate as USERNAME_TAKEN', async () => {
    const input = person({ username: `Case.Sensitive.${process.pid}` });
    expect((await create(input)).errors).toBeUndefined();
    const lower = await create(person({ username: `case.sensitive.${process.pid}` }));
    expect(lower.errors).toBeUndefined();
    expect(lower.data.createUser.username).toBe(`case.sensitive.${process.pid}`);
    expect(errorCode(await create(person({ username: input.username })))).toBe('USERNAME_TAKEN');
  });

  it('takes seats outside customer organisations and stops at the plan limit', async () => {
    const small = await bed.seed.createAccount(undefined, 2);
    const customer = await small.defaultOrganisation.createCustomer();
    const owner = await small.owner.principal();
    const inSmall = (input: Record<string, unknown>, organisationId: string) => bed.query(owner, CREATE, { input: { organisationId, ...input } });
    expect((await inSmall(person(), small.defaultOrganisation.id)).errors).toBeUndefined();
    expect(errorCode(await inSmall(person(), small.defaultOrganisation.id))).toBe('SEAT_LIMIT_REACHED');
    expect((await inSmall(person({ roleKey: 'MEMBER' }), customer.id)).errors).toBeUndefined();
  });

  it('refuses roles the caller may not give, and callers without users.invite', async () => {
    expect(errorCode(await create(person({ roleKey: 'OWNER' })))).toBe('BAD_USER_INPUT');
    expect(errorCode(await create(person({ roleKey: 'NO_SUCH_ROLE' })))).toBe('BAD_USER_INPUT');
    expect(errorCode(await create(person(), operatorPrincipal))).toBe('FORBIDDEN');
  });

  it('rejects invalid input with BAD_USER_INPUT', async () => {
    expect(errorCode(await create(person({ email: 'not-an-email' })))).toBe('BAD_USER_INPUT');
    expect(errorCode(await create(person({ username: 'a b' })))).toBe('BAD_USER_INPUT');
    expect(errorCode(await create(person({ username: undefined })))).toBe('BAD_USER_INPUT');
    const foreignGroup = await bed.db.dataSource.getRepository(OperatorGroupRecord).findOneByOrFail({ organisationId: foreignOrganisationId });
    expect(errorCode(await create(person({ inboxIds: [foreignGroup.id] })))).toBe('BAD_USER_INPUT');
  });

  it('answers an organisation or user of another account exactly like a missing one', async () => {
    const missing = '00000000-0000-0000-0000-000000000000';
    expect(errorCode(await bed.query(managerPrincipal, CREATE, { input: { organisationId: foreignOrganisationId, ...person() } }))).toBe('NOT_FOUND');
    expect(errorCode(await bed.query(managerPrincipal, CREATE, { input: { organisationId: missing, ...person() } }))).toBe('NOT_FOUND');
    expect(errorCode(await bed.query(managerPrincipal, USERS, { organisationId: foreignOrganisationId }))).toBe('NOT_FOUND');
    expect(errorCode(await bed.query(managerPrincipal, USERS, { organisationId: missing }))).toBe('NOT_FOUND');
    expect((await bed.query(managerPrincipal, 'query($id: ID!) { user(id: $id) { id } }', { id: foreignUserId })).data.user).toBeNull();
    expect(errorCode(await bed.query(managerPrincipal, UPDATE, { id: foreignUserId, input: { firstName: 'X' } }))).toBe('NOT_FOUND');
    expect(errorCode(await bed.query(managerPrincipal, UPDATE, { id: missing, input: { firstName: 'X' } }))).toBe('NOT_FOUND');
  });

  it('lists users page by page, hides ARCHIVED by default, filters by status and searches', async () => {
    const team = await bed.seed.createAccount();
    const owner = await team.owner.principal();
    const members = [];
    for (let i = 0; i < 3; i++) members.push(await team.defaultOrganisation.createUser('OPERATOR', `lister.${process.pid}.${i}`));
    await bed.db.dataSource.getRepository(UserRecord).update({ id: members[2].id }, { status: UserStatus.ARCHIVED, archivedAt: new Date() });
    const list = (variables: Record<string, unknown>) => bed.query(owner, USERS, { organisationId: team.defaultOrganisation.id, ...variables });

    const first = (await list({ first: 2 })).data.users;
    expect(first.totalCount).toBe(3);
    expect(first.edges.map((edge: { node: { username: string } }) => edge.node.username)).toEqual([team.owner.record.username, members[0].record.username]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await list({ first: 2, after: first.pageInfo.endCursor })).data.users;
    expect(second.edges.map((edge: { node: { username: string } }) => edge.node.username)).toEqual([members[1].record.username]);
    expect(second.pageInfo.hasNextPage).toBe(false);

    const archived = (await list({ status: ['ARCHIVED'] })).data.users;
    expect(archived.edges.map((edge: { node: { username: string } }) => edge.node.username)).toEqual([members[2].record.username]);
    const all = (await list({ status: ['INVITED', 'ACTIVE', 'SUSPENDED', 'LOCKED', 'ARCHIVED'] })).data.users;
    expect(all.totalCount).toBe(4);
    const found = (await list({ search: `LISTER.${process.pid}.1` })).data.users;
    expect(found.edges.map((edge: { node: { username: string } }) => edge.node.username)).toEqual([members[1].record.username]);
    expect(errorCode(await list({ first: 0 }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await list({ after: 'garbage' }))).toBe('BAD_USER_INPUT');
  });

  it('searches from the start of any word of the username, email, first, last and screen name, ignoring case and accents', async () => {
    const team = await bed.seed.createAccount();
    const owner = await team.owner.principal();
    const organisationId = team.defaultOrganisation.id;
    const created = await bed.query(owner, CREATE, {
      input: {
        organisationId,
        username: `zoe.quill.${process.pid}`,
        email: `z.q-${process.pid}@wordsmiths.example`,
        firstName: 'Zoë',
        lastName: 'Quillfeather',
        screenName: 'Zoë the Scribe',
        roleKey: 'OPERATOR',
      },
    });
    expect(created.errors).toBeUndefined();
    const found = async (search: string) =>
      (await bed.query(owner, USERS, { organisationId, search })).data.users.edges.map((edge: { node: { username: string } }) => edge.node.username);
    const zoe = [`zoe.quill.${process.pid}`];
    for (const search of [
      'ZOE',
      'zoë',
      'quill',
      'QUILLFEATHER',
      'scribe',
      'the scr',
      'wordsmiths',
      `z.q-${process.pid}@`,
      '@wordsmiths',
      `quill.${process.pid}`,
    ]) {
      expect({ search, found: await found(search) }).toEqual({ search, found: zoe });
    }
    // Inside a word, or words out of order: no match (docs/product.md#users-and-seats).
    for (const search of ['uillfeather', 'scribe the', '...', 'zoe quillfeather'])
      expect({ search, found: await found(search) }).toEqual({ search, found: [] });

    const renamed = await bed.query(owner, UPDATE, { id: created.data.createUser.id, input: { lastName: 'Inkwell', screenName: 'Zoë Inkwell' } });
    expect(renamed.errors).toBeUndefined();
    expect(await found('inkwell')).toEqual(zoe);
    expect(await found('quillfeather')).toEqual([]);
    expect(await found('zoe inkw')).toEqual(zoe);
  });

  it('counts the matching users only for a client that asks for totalCount', async () => {
    const page = `query($organisationId: ID!) { users(organisationId: $organisationId) { edges { node { id } } } }`;
    bed.db.queries.reset();
    expect((await bed.query(managerPrincipal, page, { organisationId: support.id })).errors).toBeUndefined();
    expect(bed.db.queries.selects.filter((sql) => /COUNT\(/i.test(sql))).toEqual([]);
    bed.db.queries.reset();
    const counted = await bed.query(managerPrincipal, USERS, { organisationId: support.id });
    expect(counted.data.users.totalCount).toBe(counted.data.users.edges.length);
    expect(bed.db.queries.selects.filter((sql) => /COUNT\(/i.test(sql))).toHaveLength(1);
  });

  it('edits everything but the username, which is rejected clearly', async () => {
    const target = await support.createUser('OPERATOR');
    const response = await bed.query(managerPrincipal, UPDATE, {
      id: target.id,
      input: { firstName: 'Grace', screenName: 'Amazing Grace', mobile: '+31 20 555 0100' },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data.updateUser).toMatchObject({
      firstName: 'Grace',
      screenName: 'Amazing Grace',
      username: target.record.username,
      mobile: '+31 20 555 0100',
    });
    const rename = await bed.query(managerPrincipal, UPDATE, { id: target.id, input: { username: 'someone.else' } });
    expect(errorCode(rename)).toBe('BAD_USER_INPUT');
    expect(rename.errors![0].message).toMatch(/username cannot be changed/);
    expect(errorCode(await bed.query(managerPrincipal, UPDATE, { id: target.id, input: { lastName: null } }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await bed.query(operatorPrincipal, UPDATE, { id: target.id, input: { firstName: 'X' } }))).toBe('FORBIDDEN');
  });

  it("replaces a user's inboxes, and an inbox of another organisation changes none of them", async () => {
    const target = await support.createUser('OPERATOR');
    const groups = bed.db.dataSource.getRepository(OperatorGroupRecord);
    const [first] = await groups.findBy({ organisationId: support.id });
    const second = await groups.save({ id: crypto.randomUUID(), organisationId: support.id, name: `second.${process.pid}`, createdAt: new Date() });
    const foreignGroup = await groups.findOneByOrFail({ organisationId: foreignOrganisationId });
    const inboxesOf = async () =>
      (await bed.db.dataSource.getRepository(OperatorGroupMemberRecord).findBy({ userId: target.id })).map((member) => member.operatorGroupId).sort();
    const setInboxes = (inboxIds: string[]) => bed.query(managerPrincipal, UPDATE, { id: target.id, input: { inboxIds, firstName: 'Changed' } });
    expect(await inboxesOf()).toEqual([first.id]);
    expect((await setInboxes([second.id, second.id])).errors).toBeUndefined();
    expect(await inboxesOf()).toEqual([second.id]);
    expect(errorCode(await setInboxes([first.id, foreignGroup.id]))).toBe('BAD_USER_INPUT');
    expect(await inboxesOf()).toEqual([second.id]);
    expect((await setInboxes([])).errors).toBeUndefined();
    expect(await inboxesOf()).toEqual([]);
  });

  it("masks colleagues' mobile numbers for viewers without phoneNumbers.visible", async () => {
    const target = await support.createUser('OPERATOR');
    await bed.db.dataSource.getRepository(UserRecord).update({ id: target.id }, { mobile: '+44 20 7946 0000' });
    const read = (principal: UserPrincipal) => bed.query(principal, 'query($id: ID!) { user(id: $id) { mobile } }', { id: target.id });
    expect((await read(operatorPrincipal)).data.user.mobile).toBe(MASKED_MOBILE);
    expect((await read(managerPrincipal)).data.user.mobile).toBe('+44 20 7946 0000');
    expect((await read(await target.principal())).data.user.mobile).toBe('+44 20 7946 0000');
  });

  it('offers as transfer targets only active colleagues of the same organisation with chat access', async () => {
    const team = await bed.seed.createAccount();
    const sub = await team.createOrganisation();
    const me = await sub.createUser('OPERATOR');
    const colleague = await sub.createUser('OPERATOR');
    const suspended = await sub.createUser('OPERATOR');
    await bed.db.dataSource.getRepository(UserRecord).update({ id: suspended.id }, { status: UserStatus.SUSPENDED });
    await team.defaultOrganisation.createUser('OPERATOR');
    const response = await bed.query(await me.principal(), '{ transferTargets { id } }');
    expect(response.errors).toBeUndefined();
    // The sub-organisation's MANAGER role has chats.access too, but it has no manager here.
    expect(response.data.transferTargets).toEqual([{ id: colleague.id }]);
  });
});
