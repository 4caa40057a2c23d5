import { randomUUID } from 'node:crypto';
import type { UserPrincipal } from '@tenantry/auth';
import { hashToken, randomToken } from '@tenantry/auth';
import { OperatorGroupMemberRecord } from '@tenantry/organisations-module';
import { AuditEventRecord, InvitationRecord, InvitationStatus, SessionRecord } from '@tenantry/users-module';
import type { AccountSeed, OrganisationSeed, UserSeed } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { errorCode, startTestbed } from '../testing/users.testkit';

const PREVIEW = `query($id: ID!) {
  userDeletionPreview(id: $id) { userId username openSessions pendingInvitationsSent operatorGroupMemberships auditEventsKept auditEventsAnonymised }
}`;

describe('userDeletionPreview: what deleting a user takes with them', () => {
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

  /** An invitation the user sent, in the given status. */
  async function invitationFrom(user: UserSeed, status: InvitationStatus): Promise<void> {
    await bed.db.dataSource.getRepository(InvitationRecord).insert({
      id: randomUUID(),
      organisationId: support.id,
      userId: null,
      email: `${randomUUID().slice(0, 8)}@example.com`,
      language: 'en',
      roleKey: 'OPERATOR',
      status,
      tokenHash: hashToken(randomToken()),
      expiresAt: new Date(Date.now() + 3_600_000),
      invitedByUserId: user.id,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
  }

  it('counts open sessions, pending invitations sent, memberships and the audit events that stay, and deleteUser does what it said', async () => {
    const user = await support.createUser('OPERATOR');
    await user.openSession();
    await user.openSession();
    const revoked = await user.openSession();
    await bed.db.dataSource.getRepository(SessionRecord).update({ id: revoked.claims.sessionId }, { revokedAt: new Date() });
    await invitationFrom(user, InvitationStatus.PENDING);
    await invitationFrom(user, InvitationStatus.REVOKED);
    await bed.query(managerPrincipal, 'mutation($id: ID!) { suspendUser(id: $id) { id } }', { id: user.id });
    await bed.query(managerPrincipal, 'mutation($id: ID!) { restoreAccess(id: $id) { id } }', { id: user.id });

    // Suspending ended the two open sessions; this one is opened after.
    await user.openSession();
    const preview = (await bed.query(managerPrincipal, PREVIEW, { id: user.id })).data.userDeletionPreview;
    expect(preview).toEqual({
      userId: user.id,
      username: user.record.username,
      openSessions: 1,
      pendingInvitationsSent: 1,
      operatorGroupMemberships: 1,
      auditEventsKept: 2,
      auditEventsAnonymised: false,
    });

    const trail = () => bed.db.dataSource.getRepository(AuditEventRecord).find({ where: { targetId: user.id }, order: { createdAt: 'ASC', id: 'ASC' } });
    const before = await trail();
    expect((await bed.query(managerPrincipal, 'mutation($id: ID!) { deleteUser(id: $id) }', { id: user.id })).data).toEqual({ deleteUser: true });
    const ds = bed.db.dataSource;
    expect(await ds.getRepository(SessionRecord).countBy({ userId: user.id })).toBe(0);
    expect(await ds.getRepository(OperatorGroupMemberRecord).countBy({ userId: user.id })).toBe(0);
    expect(await ds.getRepository(InvitationRecord).countBy({ invitedByUserId: user.id, status: InvitationStatus.PENDING })).toBe(1);
    const after = await trail();
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.map((event) => event.action)).toEqual(['user.suspended', 'user.access_restored', 'user.deleted']);
  });

  it('follows the rule of deleteUser: NOT_FOUND for a foreign user, FORBIDDEN without users.manage or for the owner, and never oneself', async () => {
    const stranger = await (await bed.seed.createAccount()).defaultOrganisation.createUser('OPERATOR');
    const missing = await bed.query(managerPrincipal, PREVIEW, { id: randomUUID() });
    const foreign = await bed.query(managerPrincipal, PREVIEW, { id: stranger.id });
    expect(errorCode(foreign)).toBe('NOT_FOUND');
    expect(errorCode(missing)).toBe('NOT_FOUND');
    expect(foreign.errors![0].message).toBe(missing.errors![0].message);

    const colleague = await support.createUser('OPERATOR');
    const operator = await (await support.createUser('OPERATOR')).principal();
    expect(errorCode(await bed.query(operator, PREVIEW, { id: colleague.id }))).toBe('FORBIDDEN');

    const inDefault = await (await account.defaultOrganisation.createUser('MANAGER')).principal();
    expect(errorCode(await bed.query(inDefault, PREVIEW, { id: account.owner.id }))).toBe('FORBIDDEN');
    expect(errorCode(await bed.query(managerPrincipal, PREVIEW, { id: manager.id }))).toBe('BAD_USER_INPUT');
  });
});
