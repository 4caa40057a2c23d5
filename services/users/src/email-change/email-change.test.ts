import { createHash } from 'node:crypto';
import type { UserPrincipal } from '@tenantry/auth';
import { AuditEventRecord, UserRecord, UserTokenPurpose, UserTokenRecord } from '@tenantry/users-module';
import type { AccountSeed, OrganisationSeed, UserSeed } from '@tenantry/testing';
import { snapshotAllRows } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { ACTIVATE, errorCode, NEW_PASSWORD, PUBLIC_URL, startTestbed, tokenIn } from '../testing/users.testkit';

const UPDATE_EMAIL = `mutation($id: ID!, $email: String) { updateUser(id: $id, input: { email: $email }) { email pendingEmail } }`;
const CONFIRM = `mutation($token: String!) { confirmEmailChange(token: $token) }`;
const RESET = `mutation($name: String!) { requestPasswordReset(usernameOrEmail: $name) }`;
const PENDING = `query($id: ID!) { user(id: $id) { email pendingEmail } }`;
const INVITE = `mutation($input: InviteUserInput!) { inviteUser(input: $input) { user { id } } }`;
const CREATE = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const INVALID_LINK = 'This link is not valid, has expired or was already used.';

let counter = 0;
const address = (name: string) => `${name}.${++counter}.${process.pid}@example.org`;

describe('changing a user’s email address', () => {
  let bed: UsersTestbed;
  let account: AccountSeed;
  let support: OrganisationSeed;
  let managerPrincipal: UserPrincipal;

  beforeAll(async () => {
    bed = await startTestbed();
    account = await bed.seed.createAccount();
    support = await account.createOrganisation();
    managerPrincipal = await (await support.createUser('MANAGER')).principal();
  });
  afterAll(() => bed.close());
  afterEach(() => bed.clock.reset());

  const stored = (id: string) => bed.db.dataSource.getRepository(UserRecord).findOneByOrFail({ id });
  const auditOf = async (id: string) => (await bed.db.dataSource.getRepository(AuditEventRecord).findBy({ targetId: id })).map((event) => event.action);
  const change = (user: UserSeed, email: string | null, principal = managerPrincipal) => bed.query(principal, UPDATE_EMAIL, { id: user.id, email });
  const confirmationLink = async (email: string) => tokenIn((await bed.mailsTo(email)).at(-1)!.body, 'confirm-email');

  it('keeps the email until the new address confirms: the link goes to the new address, a notice without it to the old one', async () => {
    const operator = await support.createUser('OPERATOR');
    const oldEmail = operator.record.email!;
    const newEmail = address('new');
    const response = await change(operator, newEmail);
    expect(response.errors).toBeUndefined();
    expect(response.data.updateUser).toEqual({ email: oldEmail, pendingEmail: newEmail });
    expect(await stored(operator.id)).toMatchObject({ email: oldEmail, pendingEmail: newEmail });

    const [confirmation] = await bed.mailsTo(newEmail);
    expect(confirmation.body).toContain(`${PUBLIC_URL}/confirm-email?token=`);
    const token = tokenIn(confirmation.body, 'confirm-email');
    const tokenRow = await bed.db.dataSource.getRepository(UserTokenRecord).findOneByOrFail({ userId: operator.id, purpose: UserTokenPurpose.EMAIL_CHANGE });
    // Stored only as its SHA-256, expiring within a day.
    expect(tokenRow.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(tokenRow.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3_600_000);
    const notices = await bed.mailsTo(oldEmail);
    expect(notices).toHaveLength(1);
    expect(notices[0].body).toContain(operator.record.username);
    expect(notices[0].body).not.toContain(token);
    expect(notices[0].body).not.toContain('confirm-email');
    expect(notices[0].body).not.toContain(newEmail);
    expect(await auditOf(operator.id)).toContain('user.email_change_requested');
  });

  it('sends password-reset links only to the confirmed address, never to the pending one', async () => {
    const operator = await support.createUser('OPERATOR');
    const newEmail = address('pending');
    await change(operator, newEmail);
    const mailsToNew = (await bed.mailsTo(newEmail)).length;
    expect((await bed.anonymous(RESET, { name: operator.record.username })).data.requestPasswordReset).toBe(true);
    expect((await bed.anonymous(RESET, { name: newEmail })).data.requestPasswordReset).toBe(true);
    expect(await bed.mailsTo(newEmail)).toHaveLength(mailsToNew);
    expect((await bed.mailsTo(operator.record.email!)).at(-1)!.body).toContain(`${PUBLIC_URL}/reset-password?token=`);
  });

  it('confirming switches the email once, kills reset links mailed to the old address, and audits it', async () => {
    const operator = await support.createUser('OPERATOR');
    const newEmail = address('confirmed');
    await change(operator, newEmail);
    await bed.anonymous(RESET, { name: operator.record.username });
    const oldResetToken = tokenIn((await bed.mailsTo(operator.record.email!)).at(-1)!.body, 'reset-password');
    const token = await confirmationLink(newEmail);

    const confirmed = await bed.anonymous(CONFIRM, { token });
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data.confirmEmailChange).toBe(true);
    expect(await stored(operator.id)).toMatchObject({ email: newEmail, pendingEmail: null });
    expect(await auditOf(operator.id)).toContain('user.email_change_confirmed');

    const again = await bed.anonymous(CONFIRM, { token });
    expect(errorCode(again)).toBe('BAD_USER_INPUT');
    expect(again.errors![0].message).toBe(INVALID_LINK);
    const unknown = await bed.anonymous(CONFIRM, { token: 'no-such-token' });
    expect(errorCode(unknown)).toBe('BAD_USER_INPUT');
    expect(unknown.errors![0].message).toBe(INVALID_LINK);
    expect(
      errorCode(
        await bed.anonymous('mutation($token: String!, $password: String!) { resetPassword(token: $token, password: $password) }', {
          token: oldResetToken,
          password: NEW_PASSWORD,
        }),
      ),
    ).toBe('BAD_USER_INPUT');
    await bed.anonymous(RESET, { name: operator.record.username });
    expect((await bed.mailsTo(newEmail)).at(-1)!.body).toContain('/reset-password?token=');
  });

  it('the users list finds a user by the confirmed address only: not by a pending one, no longer by the old one', async () => {
    const operator = await support.createUser('OPERATOR');
    const oldEmail = operator.record.email!;
    const newEmail = address('searched');
    const found = async (search: string) =>
      (
        await bed.query(managerPrincipal, `query($id: ID!, $search: String) { users(organisationId: $id, search: $search) { edges { node { id } } } }`, {
          id: support.id,
          search,
        })
      ).data.users.edges.map((edge: { node: { id: string } }) => edge.node.id);
    await change(operator, newEmail);
    expect(await found(newEmail)).toEqual([]);
    expect(await found(oldEmail)).toEqual([operator.id]);
    expect((await bed.anonymous(CONFIRM, { token: await confirmationLink(newEmail) })).data.confirmEmailChange).toBe(true);
    expect(await found(newEmail)).toEqual([operator.id]);
    expect(await found(oldEmail)).toEqual([]);
  });

  it('of parallel confirmations with one link exactly one wins', async () => {
    const operator = await support.createUser('OPERATOR');
    const newEmail = address('racing');
    await change(operator, newEmail);
    const token = await confirmationLink(newEmail);
    const answers = await Promise.all([1, 2, 3].map(() => bed.anonymous(CONFIRM, { token })));
    expect(answers.filter((answer) => answer.errors === undefined)).toHaveLength(1);
    expect(answers.filter((answer) => errorCode(answer) === 'BAD_USER_INPUT')).toHaveLength(2);
    expect((await auditOf(operator.id)).filter((action) => action === 'user.email_change_confirmed')).toHaveLength(1);
  });

  it('an expired link answers like an unknown one and changes nothing', async () => {
    const operator = await support.createUser('OPERATOR');
    const newEmail = address('late');
    await change(operator, newEmail);
    const token = await confirmationLink(newEmail);
    bed.clock.advanceHours(25);
    const before = await snapshotAllRows(bed.db.dataSource);
    const late = await bed.anonymous(CONFIRM, { token });
    expect(errorCode(late)).toBe('BAD_USER_INPUT');
    expect(late.errors![0].message).toBe(INVALID_LINK);
    expect(await snapshotAllRows(bed.db.dataSource)).toEqual(before);
  });

  it('a newer change replaces the pending one and its link; asking for the current address withdraws it', async () => {
    const operator = await support.createUser('OPERATOR');
    const first = address('first');
    const second = address('second');
    await change(operator, first);
    const firstToken = await confirmationLink(first);
    expect((await change(operator, second)).data.updateUser.pendingEmail).toBe(second);
    expect(errorCode(await bed.anonymous(CONFIRM, { token: firstToken }))).toBe('BAD_USER_INPUT');
    expect((await stored(operator.id)).email).toBe(operator.record.email);

    const secondToken = await confirmationLink(second);
    expect((await change(operator, operator.record.email)).data.updateUser).toEqual({ email: operator.record.email, pendingEmail: null });
    expect(errorCode(await bed.anonymous(CONFIRM, { token: secondToken }))).toBe('BAD_USER_INPUT');
    expect(await stored(operator.id)).toMatchObject({ email: operator.record.email, pendingEmail: null });
    expect(await auditOf(operator.id)).toContain('user.email_change_withdrawn');
  });

  it('a user who may edit users changes their own address the same way', async () => {
    const manager = await support.createUser('MANAGER');
    const newEmail = address('self');
    const response = await change(manager, newEmail, await manager.principal());
    expect(response.data.updateUser).toEqual({ email: manager.record.email, pendingEmail: newEmail });
    expect((await bed.anonymous(CONFIRM, { token: await confirmationLink(newEmail) })).data.confirmEmailChange).toBe(true);
    expect((await stored(manager.id)).email).toBe(newEmail);
  });

  it('shows pendingEmail to the user and to administrators, not to colleagues', async () => {
    const operator = await support.createUser('OPERATOR');
    const colleague = await (await support.createUser('OPERATOR')).principal();
    const newEmail = address('private');
    await change(operator, newEmail);
    expect((await bed.query(managerPrincipal, PENDING, { id: operator.id })).data.user.pendingEmail).toBe(newEmail);
    expect((await bed.query(await operator.principal(), PENDING, { id: operator.id })).data.user.pendingEmail).toBe(newEmail);
    const asColleague = await bed.query(colleague, PENDING, { id: operator.id });
    expect(errorCode(asColleague)).toBe('FORBIDDEN');
    expect(JSON.stringify(asColleague)).not.toContain(newEmail);
  });

  it('rejects clearing the email and a malformed address, changing nothing', async () => {
    const operator = await support.createUser('OPERATOR');
    const before = await snapshotAllRows(bed.db.dataSource);
    expect(errorCode(await change(operator, null))).toBe('BAD_USER_INPUT');
    expect(errorCode(await change(operator, 'not-an-address'))).toBe('BAD_USER_INPUT');
    expect(await snapshotAllRows(bed.db.dataSource)).toEqual(before);
  });

  describe('of a user who has not activated yet (their first redeemed link proves the address)', () => {
    it('a directly created user: the address changes at once, the old activation link dies, a fresh one goes to the new address only', async () => {
      const oldEmail = address('typo');
      const newEmail = address('right');
      const created = await bed.query(managerPrincipal, CREATE, {
        input: {
          organisationId: support.id,
          username: `fresh.${++counter}.${process.pid}`,
          email: oldEmail,
          firstName: 'Fresh',
          lastName: 'User',
          roleKey: 'OPERATOR',
        },
      });
      const userId = created.data.createUser.id;
      const oldLink = tokenIn((await bed.mailsTo(oldEmail)).at(-1)!.body, 'activate');
      const mailsToOld = (await bed.mailsTo(oldEmail)).length;

      const response = await bed.query(managerPrincipal, UPDATE_EMAIL, { id: userId, email: newEmail });
      expect(response.data.updateUser).toEqual({ email: newEmail, pendingEmail: null });
      expect(await bed.mailsTo(oldEmail)).toHaveLength(mailsToOld);
      expect(errorCode(await bed.anonymous(ACTIVATE, { token: oldLink, password: NEW_PASSWORD }))).toBe('BAD_USER_INPUT');
      const fresh = tokenIn((await bed.mailsTo(newEmail)).at(-1)!.body, 'activate');
      expect((await bed.anonymous(ACTIVATE, { token: fresh, password: NEW_PASSWORD })).data.activateAccount.user).toEqual({ id: userId, status: 'ACTIVE' });
      expect(await auditOf(userId)).toContain('user.email_changed');
    });

    it('an invited user: the invitation moves to the new address, and resending goes there too', async () => {
      const oldEmail = address('invited');
      const newEmail = address('moved');
      const invited = await bed.query(managerPrincipal, INVITE, {
        input: { organisationId: support.id, email: oldEmail, firstName: 'Mia', lastName: 'Muster', language: 'DE', roleKey: 'OPERATOR' },
      });
      const userId = invited.data.inviteUser.user.id;
      const oldLink = tokenIn((await bed.mailsTo(oldEmail)).at(-1)!.body, 'activate');

      expect((await bed.query(managerPrincipal, UPDATE_EMAIL, { id: userId, email: newEmail })).data.updateUser.email).toBe(newEmail);
      expect(await bed.mailsTo(oldEmail)).toHaveLength(1);
      expect(errorCode(await bed.anonymous(ACTIVATE, { token: oldLink, password: NEW_PASSWORD }))).toBe('BAD_USER_INPUT');
      const moved = await bed.mailsTo(newEmail);
      expect(moved).toHaveLength(1);
      expect(moved[0].subject).toContain('Einladung');

      expect((await bed.query(managerPrincipal, 'mutation($id: ID!) { resendActivation(userId: $id) }', { id: userId })).errors).toBeUndefined();
      expect(await bed.mailsTo(oldEmail)).toHaveLength(1);
      const resent = tokenIn((await bed.mailsTo(newEmail)).at(-1)!.body, 'activate');
      expect((await bed.anonymous(ACTIVATE, { token: resent, password: NEW_PASSWORD })).errors).toBeUndefined();
    });
  });
});
