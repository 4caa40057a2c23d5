import { UserPrincipal } from '@tenantry/auth';
import { AccountSeed, OrganisationSeed } from '@tenantry/testing';
import { errorCode, startTestbed, UsersTestbed } from '../testing/users.testkit';

const ME = `{ me { id organisation { id } activeOrganisation { id } accessibleOrganisations { id } } }`;
const USER = `query($id: ID!) { user(id: $id) { id activeOrganisation { id } } }`;
const USER_ACCESSIBLE = `query($id: ID!) { user(id: $id) { id accessibleOrganisations { id } } }`;

describe('users: the organisations of the caller\'s session', () => {
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
    expect(response.data.me.accessibleOrganisations.map((organisation: { id: string }) => organisation.id).sort())
      .toEqual([account.defaultOrganisation.id, support.id].sort());
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
});
