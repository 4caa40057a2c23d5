import { In, withTransaction } from '@tenantry/database';
import { OrganisationKind, OrganisationRecord } from '@tenantry/organisations-module';
import { RoleRecord } from '@tenantry/permissions-module';
import { UserRecord, UserStatus } from '@tenantry/users-module';
import { provisionOrganisation } from '@tenantry/provisioning';
import { DEMO_USERNAMES } from '@tenantry/stack';
import type { GraphQLResponse, UserSeed } from '@tenantry/testing';
import { errorCodes, OrganisationSeed, SEED_PASSWORD, snapshotAllRows } from '@tenantry/testing';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';

const LOGIN = `mutation($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken } }`;
const UPDATE_EMAIL = `mutation($id: ID!) { updateUser(id: $id, input: { email: "attacker@example.com" }) { id } }`;
const ASSIGN_ROLE = `mutation($userId: ID!, $roleId: ID!) { assignRole(userId: $userId, roleId: $roleId) { id } }`;
const PROMOTE = `mutation($userId: ID!, $ids: [ID!]!) { promoteUser(userId: $userId, organisationIds: $ids) { id } }`;
const DEMOTE = `mutation($userId: ID!) { demoteUser(userId: $userId) { id } }`;
const INVITE = `mutation($input: InviteUserInput!) { inviteUser(input: $input) { id } }`;
const REVOKE = `mutation($id: ID!) { revokeInvitation(id: $id) }`;
const DELETE_USER = `mutation($id: ID!) { deleteUser(id: $id) }`;
const ARCHIVE_USER = `mutation($id: ID!) { archiveUser(id: $id) { id } }`;
const INDEPENDENT = `mutation($id: ID!, $owner: ID!) { makeCustomerIndependent(organisationId: $id, ownerUserId: $owner) { id } }`;
const CREATE_USER = `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`;
const UPDATE_NAME = `mutation($id: ID!, $name: String!) { updateOrganisation(id: $id, input: { name: $name }) { name } }`;
const CREATE_CUSTOMER = `mutation($input: CreateCustomerOrganisationInput!) { createCustomerOrganisation(input: $input) { id name } }`;

/**
 * Every operation of the users subgraph that administers a user, as a manager would try it on a
 * colleague (the rule comes before any status check, so the colleague's status does not matter).
 * Changing the email is the first step of a takeover: a password reset then goes to the attacker.
 */
const ADMINISTERING = [
  ['updateUser', UPDATE_EMAIL],
  ...['suspendUser', 'restoreAccess', 'unlockUser', 'archiveUser', 'restoreUser'].map((field) => [field, `mutation($id: ID!) { ${field}(id: $id) { id } }`]),
  ['deleteUser', DELETE_USER],
  ['resendActivation', `mutation($id: ID!) { resendActivation(userId: $id) }`],
] as const;

let sequence = 0;
const fresh = (prefix: string) => `${prefix}.${process.pid}.${++sequence}`;

describe('who may administer whom, through the gateway on the demo data', () => {
  let demo: DemoGraph;
  let ownerToken: string;
  let demoOrganisation: OrganisationSeed;
  let support: OrganisationSeed;
  let acme: OrganisationSeed;

  const organisationNamed = async (name: string) =>
    new OrganisationSeed(demo.db.dataSource, await demo.db.dataSource.getRepository(OrganisationRecord).findOneByOrFail({ name }));
  const signIn = async (user: UserSeed) => {
    const response = await demo.graph(LOGIN, { username: user.record.username, password: SEED_PASSWORD });
    if (!response.data) throw new Error(`login of ${user.record.username} failed: ${JSON.stringify(response.errors)}`);
    return response.data.login.accessToken as string;
  };
  const roleOf = (organisation: OrganisationSeed, key: string) =>
    demo.db.dataSource.getRepository(RoleRecord).findOneByOrFail({ organisationId: organisation.id, key });
  const reasons = (response: GraphQLResponse) => (response.errors ?? []).map((error) => error.extensions?.reason);
  const nonArchivedIn = (organisation: OrganisationSeed) =>
    demo.db.dataSource
      .getRepository(UserRecord)
      .countBy({ organisationId: organisation.id, status: In([UserStatus.INVITED, UserStatus.ACTIVE, UserStatus.SUSPENDED, UserStatus.LOCKED]) });
  /** A sub-organisation of "Demo" with no user yet. */
  const subOrganisation = async (name: string) => {
    const { organisation } = await withTransaction(demo.db.dataSource, (manager) =>
      provisionOrganisation(manager, { accountId: demoOrganisation.record.accountId, kind: OrganisationKind.SUB, name }),
    );
    return new OrganisationSeed(demo.db.dataSource, organisation);
  };

  beforeAll(async () => {
    demo = await startDemoGraph();
    ownerToken = await demo.login(DEMO_USERNAMES.owner);
    demoOrganisation = await organisationNamed('Demo');
    support = await organisationNamed('Demo Support');
    acme = await organisationNamed('Acme Customer');
  });
  afterAll(() => demo?.close());

  describe('1. a user may administer only users who see nothing the caller does not', () => {
    it('a manager of "Demo Support" cannot edit, re-role, suspend, unlock, archive, restore, delete or re-invite a colleague the owner promoted into "Demo"', async () => {
      const manager = await support.createUser('MANAGER');
      const colleague = await support.createUser('OPERATOR');
      expect((await demo.graph(PROMOTE, { userId: colleague.id, ids: [demoOrganisation.id] }, ownerToken)).errors).toBeUndefined();
      const managerToken = await signIn(manager);
      const supportManagerRole = await roleOf(support, 'MANAGER');

      const before = await snapshotAllRows(demo.db.dataSource);
      for (const [field, document] of ADMINISTERING) {
        expect({ field, codes: errorCodes(await demo.graph(document, { id: colleague.id }, managerToken)) }).toEqual({ field, codes: ['FORBIDDEN'] });
      }
      // Today's hole: the manager made the colleague a MANAGER, who then manages "Demo", never granted to the manager.
      expect(errorCodes(await demo.graph(ASSIGN_ROLE, { userId: colleague.id, roleId: supportManagerRole.id }, managerToken))).toEqual(['FORBIDDEN']);
      expect(await snapshotAllRows(demo.db.dataSource)).toEqual(before);

      // The same colleague, demoted, sees nothing beyond the manager: administering is allowed again.
      expect((await demo.graph(DEMOTE, { userId: colleague.id }, ownerToken)).errors).toBeUndefined();
      expect((await demo.graph(UPDATE_EMAIL, { id: colleague.id }, managerToken)).errors).toBeUndefined();
      expect((await demo.graph(ASSIGN_ROLE, { userId: colleague.id, roleId: supportManagerRole.id }, managerToken)).errors).toBeUndefined();
    });

    it('the owner administers a promoted user', async () => {
      const colleague = await support.createUser('OPERATOR');
      expect((await demo.graph(PROMOTE, { userId: colleague.id, ids: [demoOrganisation.id] }, ownerToken)).errors).toBeUndefined();
      expect((await demo.graph(UPDATE_EMAIL, { id: colleague.id }, ownerToken)).errors).toBeUndefined();
    });

    it('a manager promoted into "Demo" cannot administer a manager of "Demo", who also sees the customers "Demo" manages', async () => {
      const promotedManager = await support.createUser('MANAGER');
      expect((await demo.graph(PROMOTE, { userId: promotedManager.id, ids: [demoOrganisation.id] }, ownerToken)).errors).toBeUndefined();
      const token = await signIn(promotedManager);
      const demoManager = await demoOrganisation.createUser('MANAGER');
      const demoOperator = await demoOrganisation.createUser('OPERATOR');

      const before = await snapshotAllRows(demo.db.dataSource);
      expect(errorCodes(await demo.graph(UPDATE_EMAIL, { id: demoManager.id }, token))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await demo.graph(ASSIGN_ROLE, { userId: demoManager.id, roleId: (await roleOf(demoOrganisation, 'OPERATOR')).id }, token))).toEqual([
        'FORBIDDEN',
      ]);
      // Making an operator of "Demo" a MANAGER would let them see "Acme Customer", which the caller does not.
      expect(errorCodes(await demo.graph(ASSIGN_ROLE, { userId: demoOperator.id, roleId: (await roleOf(demoOrganisation, 'MANAGER')).id }, token))).toEqual([
        'FORBIDDEN',
      ]);
      expect(await snapshotAllRows(demo.db.dataSource)).toEqual(before);

      // An operator of "Demo" sees only "Demo", which the promoted manager sees too.
      expect((await demo.graph(UPDATE_EMAIL, { id: demoOperator.id }, token)).errors).toBeUndefined();
    });
  });

  describe('1b. nobody creates a user who would see more than they do', () => {
    it('a manager promoted into "Demo" cannot create or invite a MANAGER there, who would see "Acme Customer"; an OPERATOR yes', async () => {
      const promotedManager = await support.createUser('MANAGER');
      expect((await demo.graph(PROMOTE, { userId: promotedManager.id, ids: [demoOrganisation.id] }, ownerToken)).errors).toBeUndefined();
      const token = await signIn(promotedManager);
      const person = (roleKey: string) => ({
        organisationId: demoOrganisation.id,
        email: `${fresh('new')}@example.com`,
        firstName: 'N',
        lastName: 'U',
        roleKey,
      });

      const before = await snapshotAllRows(demo.db.dataSource);
      expect(errorCodes(await demo.graph(CREATE_USER, { input: { ...person('MANAGER'), username: fresh('new.manager') } }, token))).toEqual(['FORBIDDEN']);
      expect(errorCodes(await demo.graph(INVITE, { input: { ...person('MANAGER'), language: 'EN' } }, token))).toEqual(['FORBIDDEN']);
      expect(await snapshotAllRows(demo.db.dataSource)).toEqual(before);
      expect((await demo.graph(CREATE_USER, { input: { ...person('OPERATOR'), username: fresh('new.operator') } }, token)).errors).toBeUndefined();
    });
  });

  describe('2. revoking an invitation administers the invited user', () => {
    it('a MODERATOR of "Acme Customer" cannot remove a pending ADMINISTRATOR, but may revoke a MEMBER\'s invitation', async () => {
      const administratorToken = await demo.login(DEMO_USERNAMES.customerAdministrator);
      const invite = (roleKey: string) =>
        demo.graph(
          INVITE,
          { input: { organisationId: acme.id, email: `${fresh(roleKey.toLowerCase())}@example.com`, firstName: 'I', lastName: 'V', language: 'EN', roleKey } },
          administratorToken,
        );
      const administratorInvitation = (await invite('ADMINISTRATOR')).data.inviteUser;
      const memberInvitation = (await invite('MEMBER')).data.inviteUser;
      const moderatorToken = await signIn(await acme.createUser('MODERATOR'));

      const before = await snapshotAllRows(demo.db.dataSource);
      expect(errorCodes(await demo.graph(REVOKE, { id: administratorInvitation.id }, moderatorToken))).toEqual(['FORBIDDEN']);
      expect(await snapshotAllRows(demo.db.dataSource)).toEqual(before);
      expect((await demo.graph(REVOKE, { id: memberInvitation.id }, moderatorToken)).data).toEqual({ revokeInvitation: true });
    });
  });

  describe("3. making a customer independent is the account owner's decision alone", () => {
    it('a manager of "Demo" cannot plant an administrator in "Acme Customer" and take it out of the account; the owner can', async () => {
      const managerToken = await signIn(await demoOrganisation.createUser('MANAGER'));
      const planted = await demo.graph(
        CREATE_USER,
        {
          input: { organisationId: acme.id, username: fresh('planted'), email: 'planted@example.com', firstName: 'P', lastName: 'A', roleKey: 'ADMINISTRATOR' },
        },
        managerToken,
      );
      expect(planted.errors).toBeUndefined();

      const before = await snapshotAllRows(demo.db.dataSource);
      expect(errorCodes(await demo.graph(INDEPENDENT, { id: acme.id, owner: planted.data.createUser.id }, managerToken))).toEqual(['FORBIDDEN']);
      expect(await snapshotAllRows(demo.db.dataSource)).toEqual(before);

      const leaving = await demoOrganisation.createCustomer(fresh('Leaving'));
      const administrator = await leaving.createUser('ADMINISTRATOR');
      expect((await demo.graph(INDEPENDENT, { id: leaving.id, owner: administrator.id }, ownerToken)).errors).toBeUndefined();
    });
  });

  describe('4. every organisation keeps at least one operator', () => {
    const lastOperatorRefusal = (response: GraphQLResponse) => ({
      codes: errorCodes(response),
      reasons: reasons(response),
      saysLast: /last/i.test(response.errors?.[0]?.message ?? ''),
    });
    const refused = { codes: ['BAD_USER_INPUT'], reasons: ['LAST_OPERATOR'], saysLast: true };

    it('deleting or archiving the last operator is refused with LAST_OPERATOR and changes nothing', async () => {
      const organisation = await subOrganisation(fresh('Branch'));
      const first = await organisation.createUser('OPERATOR');
      const last = await organisation.createUser('MANAGER');
      expect((await demo.graph(DELETE_USER, { id: first.id }, ownerToken)).data).toEqual({ deleteUser: true });

      const before = await snapshotAllRows(demo.db.dataSource);
      expect(lastOperatorRefusal(await demo.graph(DELETE_USER, { id: last.id }, ownerToken))).toEqual(refused);
      expect(lastOperatorRefusal(await demo.graph(ARCHIVE_USER, { id: last.id }, ownerToken))).toEqual(refused);
      expect(await snapshotAllRows(demo.db.dataSource)).toEqual(before);
    });

    it("revoking the invitation of an organisation's only user is refused with LAST_OPERATOR", async () => {
      const organisation = await subOrganisation(fresh('Invited branch'));
      const invitation = await demo.graph(
        INVITE,
        {
          input: { organisationId: organisation.id, email: `${fresh('only')}@example.com`, firstName: 'O', lastName: 'N', language: 'EN', roleKey: 'MANAGER' },
        },
        ownerToken,
      );
      expect(invitation.errors).toBeUndefined();
      const before = await snapshotAllRows(demo.db.dataSource);
      expect(lastOperatorRefusal(await demo.graph(REVOKE, { id: invitation.data.inviteUser.id }, ownerToken))).toEqual(refused);
      expect(await snapshotAllRows(demo.db.dataSource)).toEqual(before);
    });

    it("of two parallel deletions of an organisation's last two operators exactly one wins", async () => {
      const organisation = await subOrganisation(fresh('Racing branch'));
      const operators = [await organisation.createUser('OPERATOR'), await organisation.createUser('OPERATOR')];
      const answers = await Promise.all(operators.map((operator) => demo.graph(DELETE_USER, { id: operator.id }, ownerToken)));
      expect(answers.map((answer) => answer.data?.deleteUser ?? reasons(answer)[0]).sort()).toEqual(['LAST_OPERATOR', true].sort());
      expect(await nonArchivedIn(organisation)).toBe(1);
    });
  });

  describe('5. an organisation name conflict never reveals an organisation the caller cannot see', () => {
    it('a manager of "Demo Support" gets the same answer renaming it to a taken and to a free name', async () => {
      const managerToken = await signIn(await support.createUser('MANAGER'));
      const taken = await demo.graph(UPDATE_NAME, { id: support.id, name: 'Acme Customer' }, managerToken);
      const free = await demo.graph(UPDATE_NAME, { id: support.id, name: fresh('Nobody has this name') }, managerToken);
      expect(errorCodes(taken)).toEqual(errorCodes(free));
      expect(taken.errors?.[0]?.message).toBe(free.errors?.[0]?.message);
      expect(errorCodes(taken)).toEqual(['FORBIDDEN']);
    });

    it('a manager of "Demo Support" names a customer freely, even like an organisation they cannot see', async () => {
      const managerToken = await signIn(await support.createUser('MANAGER'));
      const input = (name: string) => ({
        name,
        firstAdministrator: { username: fresh('customer.admin'), email: 'c@example.com', firstName: 'C', lastName: 'A' },
      });
      const created = await demo.graph(CREATE_CUSTOMER, { input: input('Demo') }, managerToken);
      expect(created.errors).toBeUndefined();
      // Customers are unique per managing organisation, all of which the manager sees.
      const again = await demo.graph(CREATE_CUSTOMER, { input: input('Demo') }, managerToken);
      expect(errorCodes(again)).toEqual(['BAD_USER_INPUT']);
    });

    it('the owner, who sees the whole account, is told when a name is taken', async () => {
      expect(errorCodes(await demo.graph(UPDATE_NAME, { id: support.id, name: 'Demo' }, ownerToken))).toEqual(['BAD_USER_INPUT']);
      expect((await demo.graph(UPDATE_NAME, { id: support.id, name: 'Demo Support' }, ownerToken)).data).toEqual({
        updateOrganisation: { name: 'Demo Support' },
      });
    });
  });
});
