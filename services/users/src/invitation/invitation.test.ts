import { createHash } from 'node:crypto';
import type { UserPrincipal } from '@tenantry/auth';
import { InvitationRecord, UserRecord, UserStatus } from '@tenantry/users-module';
import type { AccountSeed, OrganisationSeed } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { ACTIVATE, errorCode, NEW_PASSWORD, startTestbed, tokenIn } from '../testing/users.testkit';

const INVITE = `mutation($input: InviteUserInput!) { inviteUser(input: $input) { id email language roleKey status expiresAt user { id username status } } }`;
const INVITATIONS = `query($organisationId: ID!, $status: [InvitationStatus!]) {
  invitations(organisationId: $organisationId, status: $status) { totalCount edges { node { id status email } } }
}`;
const RESEND = `mutation($userId: ID!) { resendActivation(userId: $userId) }`;
const REVOKE = `mutation($id: ID!) { revokeInvitation(id: $id) }`;

let counter = 0;
const invitee = (overrides: Record<string, unknown> = {}) => ({
  email: `invitee${++counter}.${process.pid}@example.com`,
  firstName: 'Mia',
  lastName: 'Muster',
  language: 'DE',
  roleKey: 'MEMBER',
  ...overrides,
});

describe('invitations', () => {
  let bed: UsersTestbed;
  let account: AccountSeed;
  let customer: OrganisationSeed;
  let owner: UserPrincipal;
  let administrator: UserPrincipal;
  let moderator: UserPrincipal;

  beforeAll(async () => {
    bed = await startTestbed();
    account = await bed.seed.createAccount();
    customer = await account.defaultOrganisation.createCustomer();
    owner = await account.owner.principal();
    administrator = await (await customer.createUser('ADMINISTRATOR')).principal();
    moderator = await (await customer.createUser('MODERATOR')).principal();
  });
  afterAll(() => bed.close());
  afterEach(() => bed.clock.reset());

  const invite = (input = invitee(), principal = administrator) => bed.query(principal, INVITE, { input: { organisationId: customer.id, ...input } });
  const linkOf = async (email: string, index = -1) => tokenIn((await bed.mailsTo(email)).at(index)!.body, 'activate');

  it('invites by email: an INVITED user, a PENDING invitation, a single link mailed in the chosen language and stored only hashed', async () => {
    const input = invitee();
    const response = await invite(input);
    expect(response.errors).toBeUndefined();
    const invitation = response.data.inviteUser;
    expect(invitation).toMatchObject({
      email: input.email,
      language: 'DE',
      roleKey: 'MEMBER',
      status: 'PENDING',
      user: { username: input.email, status: 'INVITED' },
    });
    const expiresIn = new Date(invitation.expiresAt).getTime() - Date.now();
    expect(expiresIn).toBeGreaterThan(71.9 * 3_600_000);
    expect(expiresIn).toBeLessThanOrEqual(72 * 3_600_000);

    const mails = await bed.mailsTo(input.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toContain('Einladung');
    const token = tokenIn(mails[0].body, 'activate');
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const stored = await bed.db.dataSource.getRepository(InvitationRecord).findOneByOrFail({ id: invitation.id });
    // Stored only as its SHA-256: the row holds the hash and nowhere the token itself.
    expect(stored.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(token);

    const accepted = await bed.anonymous(ACTIVATE, { token, password: NEW_PASSWORD });
    expect(accepted.data.activateAccount.user).toEqual({ id: invitation.user.id, status: 'ACTIVE' });
    const list = (await bed.query(administrator, INVITATIONS, { organisationId: customer.id, status: ['ACCEPTED'] })).data.invitations;
    expect(list.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(invitation.id);
  });

  it('of two parallel redemptions of one link exactly one wins', async () => {
    const input = invitee();
    await invite(input);
    const token = await linkOf(input.email);
    const answers = await Promise.all([1, 2, 3].map(() => bed.anonymous(ACTIVATE, { token, password: NEW_PASSWORD })));
    expect(answers.filter((answer) => answer.errors === undefined)).toHaveLength(1);
    expect(answers.filter((answer) => errorCode(answer) === 'BAD_USER_INPUT')).toHaveLength(2);
  });

  it('refuses a link used twice', async () => {
    const input = invitee();
    await invite(input);
    const token = await linkOf(input.email);
    expect((await bed.anonymous(ACTIVATE, { token, password: NEW_PASSWORD })).errors).toBeUndefined();
    expect(errorCode(await bed.anonymous(ACTIVATE, { token, password: NEW_PASSWORD }))).toBe('BAD_USER_INPUT');
  });

  it('expires after 72 hours: INVITATION_EXPIRED, listed as EXPIRED, and a resend revives it', async () => {
    const input = invitee();
    const { id, user } = (await invite(input)).data.inviteUser;
    const token = await linkOf(input.email);
    bed.clock.advanceHours(71);
    const pending = (await bed.query(administrator, INVITATIONS, { organisationId: customer.id, status: ['PENDING'] })).data.invitations;
    expect(pending.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(id);
    bed.clock.advanceHours(2);
    const expired = (await bed.query(administrator, INVITATIONS, { organisationId: customer.id, status: ['EXPIRED'] })).data.invitations;
    expect(expired.edges).toContainEqual({ node: { id, status: 'EXPIRED', email: input.email } });
    expect(errorCode(await bed.anonymous(ACTIVATE, { token, password: NEW_PASSWORD }))).toBe('INVITATION_EXPIRED');

    expect((await bed.query(administrator, RESEND, { userId: user.id })).data).toEqual({ resendActivation: true });
    const fresh = await linkOf(input.email);
    expect((await bed.anonymous(ACTIVATE, { token: fresh, password: NEW_PASSWORD })).errors).toBeUndefined();
  });

  it('re-sending invalidates the previous link', async () => {
    const input = invitee();
    const { user } = (await invite(input)).data.inviteUser;
    const first = await linkOf(input.email);
    expect((await bed.query(administrator, RESEND, { userId: user.id })).errors).toBeUndefined();
    const second = await linkOf(input.email);
    expect(second).not.toBe(first);
    expect(errorCode(await bed.anonymous(ACTIVATE, { token: first, password: NEW_PASSWORD }))).toBe('BAD_USER_INPUT');
    expect((await bed.anonymous(ACTIVATE, { token: second, password: NEW_PASSWORD })).errors).toBeUndefined();
    expect(errorCode(await bed.query(administrator, RESEND, { userId: user.id }))).toBe('BAD_USER_INPUT');
  });

  it('only administrators resend activation links', async () => {
    const { user } = (await invite(invitee())).data.inviteUser;
    expect(errorCode(await bed.query(moderator, RESEND, { userId: user.id }))).toBe('FORBIDDEN');
  });

  it('revoking deletes the invited user too, and the link dies with it', async () => {
    const input = invitee();
    const { id, user } = (await invite(input)).data.inviteUser;
    const token = await linkOf(input.email);
    expect((await bed.query(administrator, REVOKE, { id })).data).toEqual({ revokeInvitation: true });
    expect(await bed.db.dataSource.getRepository(UserRecord).findOneBy({ id: user.id })).toBeNull();
    expect(errorCode(await bed.anonymous(ACTIVATE, { token, password: NEW_PASSWORD }))).toBe('BAD_USER_INPUT');
    expect(errorCode(await bed.query(administrator, REVOKE, { id }))).toBe('BAD_USER_INPUT');
    const revoked = await bed.query(
      administrator,
      `query($org: ID!) { invitations(organisationId: $org, status: [REVOKED]) { edges { node { id status user { id } } } } }`,
      { org: customer.id },
    );
    expect(revoked.data.invitations.edges).toContainEqual({ node: { id, status: 'REVOKED', user: null } });
  });

  it('the link of an invitation whose user was deleted activates nobody', async () => {
    const input = invitee();
    const { user } = (await invite(input)).data.inviteUser;
    const token = await linkOf(input.email);
    await invite(invitee()); // another INVITED user, who must stay so
    expect((await bed.query(administrator, 'mutation($id: ID!) { deleteUser(id: $id) }', { id: user.id })).data).toEqual({ deleteUser: true });
    const activeBefore = await bed.db.dataSource.getRepository(UserRecord).countBy({ status: UserStatus.ACTIVE });
    expect(errorCode(await bed.anonymous(ACTIVATE, { token, password: NEW_PASSWORD }))).toBe('BAD_USER_INPUT');
    expect(await bed.db.dataSource.getRepository(UserRecord).countBy({ status: UserStatus.ACTIVE })).toBe(activeBefore);
  });

  it('users that customer administrators created directly never show as invitations', async () => {
    const email = `direct.${process.pid}@example.com`;
    const created = await bed.query(administrator, `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`, {
      input: { organisationId: customer.id, username: `direct.${process.pid}`, email, firstName: 'Dee', lastName: 'Rect', roleKey: 'MEMBER' },
    });
    expect(created.errors).toBeUndefined();
    const all = (await bed.query(administrator, INVITATIONS, { organisationId: customer.id })).data.invitations;
    expect(all.edges.map((edge: { node: { email: string } }) => edge.node.email)).not.toContain(email);
  });

  it('a moderator may invite members but not administrators', async () => {
    expect((await invite(invitee({ roleKey: 'MODERATOR' }), moderator)).errors).toBeUndefined();
    expect(errorCode(await invite(invitee({ roleKey: 'ADMINISTRATOR' }), moderator))).toBe('FORBIDDEN');
  });

  it('hides invitations of organisations the caller cannot see', async () => {
    const { id } = (await invite(invitee())).data.inviteUser;
    const stranger = await (await (await bed.seed.createAccount()).defaultOrganisation.createUser('MANAGER')).principal();
    expect(errorCode(await bed.query(stranger, INVITATIONS, { organisationId: customer.id }))).toBe('NOT_FOUND');
    expect(errorCode(await bed.query(stranger, REVOKE, { id }))).toBe('NOT_FOUND');
    expect(errorCode(await bed.query(stranger, INVITE, { input: { organisationId: customer.id, ...invitee() } }))).toBe('NOT_FOUND');
    // The owner sees the customer organisation of their own account.
    expect((await bed.query(owner, INVITATIONS, { organisationId: customer.id })).errors).toBeUndefined();
  });

  it('a taken email-username answers USERNAME_TAKEN', async () => {
    const input = invitee();
    await invite(input);
    expect(errorCode(await invite({ ...input }))).toBe('USERNAME_TAKEN');
  });
});
