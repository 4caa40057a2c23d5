import type { UserPrincipal } from '@tenantry/auth';
import { ANONYMOUS, ESTABLISHED_SESSION_EXTENSION } from '@tenantry/auth';
import type { AccountSeed, OrganisationSeed } from '@tenantry/testing';
import { SEED_PASSWORD } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { errorCode, startTestbed } from '../testing/users.testkit';

const ME = `{ me { id organisation { id } activeOrganisation { id } accessibleOrganisations { id } } }`;
const USER = `query($id: ID!) { user(id: $id) { id activeOrganisation { id } } }`;
const USER_ACCESSIBLE = `query($id: ID!) { user(id: $id) { id accessibleOrganisations { id } } }`;
const LOGIN = `mutation($username: String!, $password: String!) {
  login(username: $username, password: $password) { accessToken user { id activeOrganisation { id } accessibleOrganisations { id } } }
}`;
const SWITCH = `mutation($id: ID!) { switchOrganisation(organisationId: $id) { accessToken user { id activeOrganisation { id } } } }`;

describe("users: the organisations of the caller's session", () => {
  let bed: UsersTestbed;
  let account: AccountSeed;
  let support: OrganisationSeed;
  let owner: UserPrincipal;
  let operator: UserPrincipal;

  beforeAll(async () => {
    bed = await startTestbed();
    account = await bed.seed.createAccount();
    support = await account.createOrganisation();
    owner = await account.owner.principal();
    operator = await (await account.defaultOrganisation.createUser('OPERATOR')).principal();
  });
  afterAll(() => bed.close());

  it('answers the home organisation as active and every visible organisation as accessible', async () => {
    const response = await bed.query(owner, ME);
    expect(response.errors).toBeUndefined();
    expect(response.data.me.organisation).toEqual({ id: account.defaultOrganisation.id });
    expect(response.data.me.activeOrganisation).toEqual({ id: account.defaultOrganisation.id });
    expect(response.data.me.accessibleOrganisations.map((organisation: { id: string }) => organisation.id).sort()).toEqual(
      [account.defaultOrganisation.id, support.id].sort(),
    );
  });

  it('answers the organisation a switched session acts in, while the home organisation stays', async () => {
    const response = await bed.query({ ...owner, organisationId: support.id }, ME);
    expect(response.errors).toBeUndefined();
    expect(response.data.me).toMatchObject({ organisation: { id: account.defaultOrganisation.id }, activeOrganisation: { id: support.id } });
  });

  it('gives an operator only their own organisation', async () => {
    const response = await bed.query(operator, ME);
    expect(response.errors).toBeUndefined();
    expect(response.data.me.activeOrganisation).toEqual({ id: account.defaultOrganisation.id });
    expect(response.data.me.accessibleOrganisations).toEqual([{ id: account.defaultOrganisation.id }]);
  });

  it('refuses both fields on any user but the caller, even to the account owner', async () => {
    const active = await bed.query(owner, USER, { id: operator.userId });
    expect(errorCode(active)).toBe('FORBIDDEN');
    expect(active.data?.user).toEqual({ id: operator.userId, activeOrganisation: null });
    const accessible = await bed.query(owner, USER_ACCESSIBLE, { id: operator.userId });
    expect(errorCode(accessible)).toBe('FORBIDDEN');
    expect(accessible.data?.user ?? null).toBeNull();
  });

  it('answers, in the login itself, the organisations of the session it opened, and hands its access token to the gateway', async () => {
    const response = await bed.query(ANONYMOUS, LOGIN, { username: account.owner.record.username, password: SEED_PASSWORD });
    expect(response.errors).toBeUndefined();
    const { accessToken, user } = response.data.login;
    expect(user.activeOrganisation).toEqual({ id: account.defaultOrganisation.id });
    expect(user.accessibleOrganisations).toHaveLength(2);
    expect(response.extensions?.[ESTABLISHED_SESSION_EXTENSION]).toBe(accessToken);
  });

  it('answers, in the switch itself, the organisation the new session acts in', async () => {
    const response = await bed.query(await account.owner.principal(), SWITCH, { id: support.id });
    expect(response.errors).toBeUndefined();
    expect(response.data.switchOrganisation.user.activeOrganisation).toEqual({ id: support.id });
    expect(response.extensions?.[ESTABLISHED_SESSION_EXTENSION]).toBe(response.data.switchOrganisation.accessToken);
  });

  it('tells the gateway of no session when a request opens none', async () => {
    expect((await bed.query(owner, ME)).extensions?.[ESTABLISHED_SESSION_EXTENSION]).toBeUndefined();
  });
});
