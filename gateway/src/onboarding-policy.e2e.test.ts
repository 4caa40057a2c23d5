import { randomUUID } from 'node:crypto';
import { OutboxMailRecord } from '@tenantry/mail';
import { WidgetRecord } from '@tenantry/organisations-module';
import { DEMO_USERNAMES } from '@tenantry/stack';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';

const POLICY = `{ account { onboardingPolicy { requiredUserFields initialPasswords } } }`;
const UPDATE_POLICY = `mutation($input: UpdateAccountOnboardingPolicyInput!) {
  updateAccountOnboardingPolicy(input: $input) { onboardingPolicy { requiredUserFields initialPasswords } }
}`;
const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id username email firstName lastName status mustChangePassword } }`;
const LOGIN = `mutation($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken } }`;
const CHANGE = `mutation($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }`;
const USERS = `query($organisationId: ID!) { users(organisationId: $organisationId) { totalCount } }`;
const UPDATE_USER = `mutation($id: ID!, $input: UpdateUserInput!) { updateUser(id: $id, input: $input) { id visibleWidgets { id } } }`;
const WIDGETS = `query($id: ID!) { organisation(id: $id) { widgets { id } } }`;
const REPLY = `mutation($input: PreferencesInput!) { updateMyPreferences(input: $input) { preferences { defaultReplyAccounts { channel widgetId } } } }`;
const INITIAL = 'handed-over-at-the-desk';

describe('onboarding policy, visible sites and default reply accounts through the gateway', () => {
  let demo: DemoGraph;
  let owner: string;
  let support: string;

  beforeAll(async () => {
    demo = await startDemoGraph();
    owner = await demo.login(DEMO_USERNAMES.owner);
    support = await demo.organisationId('Demo Support');
  });
  afterAll(() => demo?.close());

  const codeOf = (response: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => response.errors?.[0]?.extensions?.code;
  const mailCount = () => demo.db.dataSource.getRepository(OutboxMailRecord).count();
  const login = async (username: string, password: string) => {
    const response = await demo.graph(LOGIN, { username, password });
    expect(response.errors).toBeUndefined();
    return response.data.login.accessToken as string;
  };

  it('by default email, first and last name are required and administrators may not set passwords', async () => {
    expect((await demo.graph(POLICY, {}, owner)).data.account.onboardingPolicy).toEqual({
      requiredUserFields: ['EMAIL', 'FIRST_NAME', 'LAST_NAME'],
      initialPasswords: false,
    });
    const base = { organisationId: support, roleKey: 'OPERATOR', lastName: 'Ivanova' };
    const withoutEmail = await demo.graph(CREATE, { input: { ...base, username: 'no.mail', firstName: 'Olga' } }, owner);
    expect(withoutEmail.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    const withPassword = await demo.graph(
      CREATE,
      { input: { ...base, username: 'with.password', firstName: 'Olga', email: 'olga@example.com', initialPassword: INITIAL } },
      owner,
    );
    expect(withPassword.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'initialPassword' });
  });

  it('only the owner changes the policy, and the last name stays required', async () => {
    const operator = await demo.login(DEMO_USERNAMES.operator);
    expect(codeOf(await demo.graph(UPDATE_POLICY, { input: { initialPasswords: true } }, operator))).toBe('FORBIDDEN');
    const noLastName = await demo.graph(UPDATE_POLICY, { input: { requiredUserFields: ['EMAIL'] } }, owner);
    expect(noLastName.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'requiredUserFields' });
    const changed = await demo.graph(UPDATE_POLICY, { input: { requiredUserFields: ['LAST_NAME'], initialPasswords: true } }, owner);
    expect(changed.errors).toBeUndefined();
    expect(changed.data.updateAccountOnboardingPolicy.onboardingPolicy).toEqual({ requiredUserFields: ['LAST_NAME'], initialPasswords: true });
    expect((await demo.graph(POLICY, {}, owner)).data.account.onboardingPolicy).toEqual({ requiredUserFields: ['LAST_NAME'], initialPasswords: true });
  });

  it('a user with only a last name and an initial password gets no mail and must change the password before anything else', async () => {
    const before = await mailCount();
    const created = await demo.graph(
      CREATE,
      { input: { organisationId: support, roleKey: 'OPERATOR', username: 'petrov', lastName: 'Petrov', initialPassword: INITIAL } },
      owner,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createUser).toMatchObject({
      username: 'petrov',
      email: null,
      firstName: null,
      lastName: 'Petrov',
      status: 'ACTIVE',
      mustChangePassword: true,
    });
    expect(await mailCount()).toBe(before);

    const first = await login('petrov', INITIAL);
    const refused = await demo.graph(USERS, { organisationId: support }, first);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', fields: ['users'] });
    expect((await demo.graph('{ me { username mustChangePassword } }', {}, first)).data.me).toEqual({ username: 'petrov', mustChangePassword: true });
    expect(codeOf(await demo.graph(CHANGE, { current: INITIAL, next: INITIAL }, first))).toBe('BAD_USER_INPUT');
    const changed = await demo.graph(CHANGE, { current: INITIAL, next: 'chosen-by-petrov-himself' }, first);
    expect(changed.errors).toBeUndefined();

    const later = await login('petrov', 'chosen-by-petrov-himself');
    expect((await demo.graph('{ me { mustChangePassword } }', {}, later)).data.me).toEqual({ mustChangePassword: false });
    expect((await demo.graph(USERS, { organisationId: support }, later)).errors).toBeUndefined();
  });

  it('an administrator hands a user without mailbox a new password, which they must change again', async () => {
    const petrovId = (await demo.graph('{ me { id } }', {}, await login('petrov', 'chosen-by-petrov-himself'))).data.me.id;
    const SET = `mutation($id: ID!, $password: String!) { setUserPassword(userId: $id, password: $password) { status mustChangePassword } }`;
    const set = await demo.graph(SET, { id: petrovId, password: 'new-one-from-the-desk' }, owner);
    expect(set.errors).toBeUndefined();
    expect(set.data.setUserPassword).toEqual({ status: 'ACTIVE', mustChangePassword: true });
    expect(codeOf(await demo.graph(LOGIN, { username: 'petrov', password: 'chosen-by-petrov-himself' }))).toBe('UNAUTHENTICATED');
    const token = await login('petrov', 'new-one-from-the-desk');
    expect(codeOf(await demo.graph(USERS, { organisationId: support }, token))).toBe('PASSWORD_CHANGE_REQUIRED');
    expect(codeOf(await demo.graph(SET, { id: petrovId, password: 'petrov-sets-his-own' }, token))).toBe('PASSWORD_CHANGE_REQUIRED');
    const operator = await demo.login(DEMO_USERNAMES.operator);
    expect(codeOf(await demo.graph(SET, { id: petrovId, password: 'operator-tries-this' }, operator))).toBe('FORBIDDEN');
  });

  it('a user without email needs an initial password or another address for the activation link', async () => {
    const input = { organisationId: support, roleKey: 'OPERATOR', username: 'nobody.reachable', lastName: 'Nobody' };
    expect(codeOf(await demo.graph(CREATE, { input }, owner))).toBe('BAD_USER_INPUT');
    const handedOver = await demo.graph(CREATE, { input: { ...input, sendMailsTo: 'desk@example.com' } }, owner);
    expect(handedOver.errors).toBeUndefined();
    expect(handedOver.data.createUser).toMatchObject({ email: null, status: 'INVITED', mustChangePassword: false });
  });

  it('a user limited to chosen widgets sees only those, and only widgets of their organisation can be chosen', async () => {
    const [first] = (await demo.graph(WIDGETS, { id: support }, owner)).data.organisation.widgets as Array<{ id: string }>;
    const second = { id: randomUUID(), organisationId: support, name: 'Second site', createdAt: new Date() };
    await demo.db.dataSource.getRepository(WidgetRecord).insert(second);
    const foreign = (await demo.graph(WIDGETS, { id: await demo.organisationId('Demo') }, owner)).data.organisation.widgets[0].id;
    const operatorToken = await demo.login(DEMO_USERNAMES.operator);
    const operatorId = (await demo.graph('{ me { id } }', {}, operatorToken)).data.me.id;

    const wrong = await demo.graph(UPDATE_USER, { id: operatorId, input: { visibleWidgetIds: [foreign] } }, owner);
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'visibleWidgetIds' });
    const limited = await demo.graph(UPDATE_USER, { id: operatorId, input: { visibleWidgetIds: [second.id] } }, owner);
    expect(limited.errors).toBeUndefined();
    expect(limited.data.updateUser.visibleWidgets).toEqual([{ id: second.id }]);

    expect((await demo.graph(WIDGETS, { id: support }, operatorToken)).data.organisation.widgets).toEqual([{ id: second.id }]);
    expect((await demo.graph(WIDGETS, { id: support }, owner)).data.organisation.widgets).toEqual([{ id: first.id }, { id: second.id }]);

    // A default reply account must be one of the widgets the user sees.
    expect(codeOf(await demo.graph(REPLY, { input: { defaultReplyAccounts: [{ channel: 'TWITTER', widgetId: first.id }] } }, operatorToken))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(await demo.graph(REPLY, { input: { defaultReplyAccounts: [{ channel: 'TWITTER', widgetId: foreign }] } }, operatorToken))).toBe(
      'BAD_USER_INPUT',
    );
    const reply = await demo.graph(REPLY, { input: { defaultReplyAccounts: [{ channel: 'TWITTER', widgetId: second.id }] } }, operatorToken);
    expect(reply.errors).toBeUndefined();
    expect(reply.data.updateMyPreferences.preferences.defaultReplyAccounts).toEqual([{ channel: 'TWITTER', widgetId: second.id }]);
    const removed = await demo.graph(REPLY, { input: { defaultReplyAccounts: [{ channel: 'TWITTER', widgetId: null }] } }, operatorToken);
    expect(removed.data.updateMyPreferences.preferences.defaultReplyAccounts).toEqual([]);

    const lifted = await demo.graph(UPDATE_USER, { id: operatorId, input: { visibleWidgetIds: null } }, owner);
    expect(lifted.data.updateUser.visibleWidgets).toBeNull();
    expect((await demo.graph(WIDGETS, { id: support }, operatorToken)).data.organisation.widgets).toHaveLength(2);
  });

  it('setting one’s own availability needs the right to view colleagues', async () => {
    const role = await demo.graph(
      `mutation($input: CreateRoleInput!) { createRole(input: $input) { key } }`,
      { input: { organisationId: support, name: 'Phones only', permissions: ['softphone.use'] } },
      owner,
    );
    expect(role.errors).toBeUndefined();
    const created = await demo.graph(
      CREATE,
      { input: { organisationId: support, roleKey: role.data.createRole.key, username: 'phones.only', lastName: 'Phones', initialPassword: INITIAL } },
      owner,
    );
    expect(created.errors).toBeUndefined();
    await demo.graph(CHANGE, { current: INITIAL, next: 'phones-only-own-password' }, await login('phones.only', INITIAL));
    const phonesOnly = await login('phones.only', 'phones-only-own-password');
    expect(codeOf(await demo.graph('mutation { setMyAvailability(status: OFFLINE) { availability } }', {}, phonesOnly))).toBe('FORBIDDEN');
    const operator = await demo.graph('mutation { setMyAvailability(status: OFFLINE) { availability } }', {}, await demo.login(DEMO_USERNAMES.operator));
    expect(operator.data.setMyAvailability).toEqual({ availability: 'OFFLINE' });
  });
});
