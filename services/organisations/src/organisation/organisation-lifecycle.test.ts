import type { UserPrincipal } from '@tenantry/auth';
import { OutboxMailRecord } from '@tenantry/mail';
import { OperatorGroupMemberRecord, OrganisationRecord } from '@tenantry/organisations-module';
import { RoleAssignmentRecord } from '@tenantry/permissions-module';
import { productSchema, resolvePrincipal } from '@tenantry/store';
import { AuditEventRecord, UserRecord, UserStatus, UserTokenRecord } from '@tenantry/users-module';
import type { AccountSeed, OrganisationSeed, TestDatabase, UserSeed } from '@tenantry/testing';
import { snapshotAllRows, createTestDatabase, errorCodes, initSeed, SubgraphHarness, TEST_PRINCIPAL_SECRET } from '@tenantry/testing';
import { createOrganisationsServer } from '../server';

const CREATE = `mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { id name kind language location privacy { transcriptRetentionDays anonymiseVisitorIp } } firstOperator { id } widget { id } operatorGroup { id } }
}`;
const PREVIEW = `query($id: ID!) { organisationDeletionPreview(id: $id) { name operators widgets operatorGroups invitations roles } }`;
const DELETE = `mutation($id: ID!, $name: String!) { deleteOrganisation(id: $id, confirmName: $name) { deletedOrganisationId endedSessions deleted { operators widgets } } }`;

let sequence = 0;
const input = (overrides: Record<string, unknown> = {}) => {
  sequence++;
  return {
    name: `Branch ${sequence}`,
    language: 'de',
    location: 'Hamburg',
    privacy: { transcriptRetentionDays: 30, anonymiseVisitorIp: false },
    firstOperator: { username: `branch.operator.${sequence}`, email: `op${sequence}@example.com`, firstName: 'Ola', lastName: 'Operator' },
    ...overrides,
  };
};

describe('organisation lifecycle', () => {
  let db: TestDatabase;
  let subgraph: SubgraphHarness;
  let account: AccountSeed;
  let owner: UserPrincipal;
  /** The owner as the gateway resolves them now: organisations created since are visible. */
  const ownerNow = () => account.owner.principal();

  beforeAll(async () => {
    db = await createTestDatabase();
    account = await initSeed(db.dataSource).createAccount(undefined, 10);
    owner = await account.owner.principal();
    subgraph = await SubgraphHarness.start(
      await createOrganisationsServer(db.dataSource, TEST_PRINCIPAL_SECRET, { publicUrl: 'http://app.test' }),
      'organisations',
    );
  });
  afterAll(async () => {
    await subgraph.stop();
    await db.drop();
  });

  describe('createOrganisation', () => {
    it('creates the organisation, its invited MANAGER in its group, a widget, its username and activation mails and an audit event', async () => {
      const response = await subgraph.query(owner, CREATE, { input: input({ name: 'Support Hamburg' }) });
      expect(response.errors).toBeUndefined();
      const created = response.data.createOrganisation;
      expect(created.organisation).toMatchObject({
        name: 'Support Hamburg',
        kind: 'SUB',
        language: 'de',
        location: 'Hamburg',
        privacy: { transcriptRetentionDays: 30, anonymiseVisitorIp: false },
      });
      const operator = await db.dataSource.getRepository(UserRecord).findOneByOrFail({ id: created.firstOperator.id });
      expect(operator).toMatchObject({ organisationId: created.organisation.id, status: UserStatus.INVITED, passwordHash: null });
      const assignment = await db.dataSource.getRepository(RoleAssignmentRecord).findOneOrFail({ where: { userId: operator.id }, relations: { role: true } });
      expect(assignment.role?.key).toBe('MANAGER');
      expect(
        await db.dataSource.getRepository(OperatorGroupMemberRecord).findOneBy({ userId: operator.id, operatorGroupId: created.operatorGroup.id }),
      ).not.toBeNull();
      // Two mails, as for createUser: the username, then the activation link.
      const [usernameMail, mail] = await db.dataSource.getRepository(OutboxMailRecord).find({ where: { toAddress: operator.email! }, order: { id: 'ASC' } });
      expect(usernameMail.body).toContain(`Ihr Benutzername: ${operator.username}`);
      expect(usernameMail.body).not.toMatch(/activate\?token=/);
      expect(mail.body).toMatch(/http:\/\/app\.test\/activate\?token=/);
      expect(mail.subject).toMatch(/Aktivieren/);
      expect(await db.dataSource.getRepository(UserTokenRecord).countBy({ userId: operator.id })).toBe(1);
      const audit = await db.dataSource.getRepository(AuditEventRecord).findOneByOrFail({ action: 'organisation.created', targetId: created.organisation.id });
      expect(audit.actorUserId).toBe(owner.userId);
      const listed = await subgraph.query(await ownerNow(), 'query($id: ID!) { organisation(id: $id) { widgets { id } operatorGroups { id } } }', {
        id: created.organisation.id,
      });
      expect(listed.data.organisation).toEqual({ widgets: [{ id: created.widget.id }], operatorGroups: [{ id: created.operatorGroup.id }] });
    });

    it.each([
      ['an empty name', { name: '' }, 'BAD_USER_INPUT'],
      ['a name with a leading space', { name: ' Padded' }, 'BAD_USER_INPUT'],
      ['an unsupported language', { language: 'xx' }, 'BAD_USER_INPUT'],
      ['a retention beyond ten years', { privacy: { transcriptRetentionDays: 5000, anonymiseVisitorIp: true } }, 'BAD_USER_INPUT'],
      ['a malformed operator email', { firstOperator: { username: 'valid.name', email: 'not-an-email', firstName: 'A', lastName: 'B' } }, 'BAD_USER_INPUT'],
    ])('refuses %s and changes nothing', async (_case, overrides, code) => {
      const before = await snapshotAllRows(db.dataSource);
      expect(errorCodes(await subgraph.query(owner, CREATE, { input: input(overrides) }))).toEqual([code]);
      expect(await snapshotAllRows(db.dataSource)).toEqual(before);
    });

    it('refuses a name already used in the account, and a taken username, leaving nothing behind', async () => {
      const before = await snapshotAllRows(db.dataSource);
      expect(errorCodes(await subgraph.query(owner, CREATE, { input: input({ name: 'Support Hamburg' }) }))).toEqual(['BAD_USER_INPUT']);
      const taken = input();
      taken.firstOperator = { ...taken.firstOperator, username: account.owner.record.username };
      expect(errorCodes(await subgraph.query(owner, CREATE, { input: taken }))).toEqual(['USERNAME_TAKEN']);
      expect(await snapshotAllRows(db.dataSource)).toEqual(before);
    });

    it("is the owner's alone: a manager of the account gets FORBIDDEN", async () => {
      const manager = await (await account.defaultOrganisation.createUser('MANAGER')).principal();
      expect(errorCodes(await subgraph.query(manager, CREATE, { input: input() }))).toEqual(['FORBIDDEN']);
    });
  });

  describe('seat limit', () => {
    it('lets exactly one of 20 racing requests take the last seat', async () => {
      const seed = initSeed(db.dataSource);
      const small = await seed.createAccount(undefined, 3); // the owner holds one seat
      await small.defaultOrganisation.createUser('OPERATOR');
      const smallOwner = await small.owner.principal();
      const answers = await Promise.all(Array.from({ length: 20 }, () => subgraph.query(smallOwner, CREATE, { input: input() })));
      const codes = answers.map((answer) => errorCodes(answer)[0] ?? 'OK');
      expect(codes.filter((code) => code === 'OK')).toHaveLength(1);
      expect(codes.filter((code) => code === 'SEAT_LIMIT_REACHED')).toHaveLength(19);
      const usage = await subgraph.query(smallOwner, '{ account { usage { organisations operators seatsLeft widgets pendingInvitations } } }');
      expect(usage.data.account.usage).toEqual({ organisations: 2, operators: 2, seatsLeft: 0, widgets: 2, pendingInvitations: 1 });
    });
  });

  describe('deleteOrganisation', () => {
    let doomed: OrganisationSeed;
    let doomedOperator: UserSeed;

    beforeAll(async () => {
      doomed = await account.createOrganisation('Doomed Branch');
      doomedOperator = await doomed.createUser('OPERATOR');
      await doomed.createUser('MANAGER');
    });

    it('previews what would go', async () => {
      const response = await subgraph.query(await ownerNow(), PREVIEW, { id: doomed.id });
      expect(response.data.organisationDeletionPreview).toEqual({
        name: 'Doomed Branch',
        operators: 2,
        widgets: 1,
        operatorGroups: 1,
        invitations: 0,
        roles: 2,
      });
    });

    it('refuses a wrong confirmation and changes nothing', async () => {
      const principal = await ownerNow();
      const before = await snapshotAllRows(db.dataSource);
      expect(errorCodes(await subgraph.query(principal, DELETE, { id: doomed.id, name: 'doomed branch' }))).toEqual(['CONFIRMATION_MISMATCH']);
      expect(await snapshotAllRows(db.dataSource)).toEqual(before);
    });

    it('refuses the DEFAULT organisation, non-owners, and foreign ids (NOT_FOUND like a missing one)', async () => {
      expect(
        errorCodes(await subgraph.query(await ownerNow(), DELETE, { id: account.defaultOrganisation.id, name: account.defaultOrganisation.record.name })),
      ).toEqual(['BAD_USER_INPUT']);
      const operator = await doomedOperator.principal();
      expect(errorCodes(await subgraph.query(operator, DELETE, { id: doomed.id, name: 'Doomed Branch' }))).toEqual(['FORBIDDEN']);
      const foreign = await initSeed(db.dataSource).createAccount();
      const foreignSub = await foreign.createOrganisation('Foreign Branch');
      const foreignAnswer = await subgraph.query(await ownerNow(), DELETE, { id: foreignSub.id, name: 'Foreign Branch' });
      const missingAnswer = await subgraph.query(await ownerNow(), DELETE, { id: '00000000-0000-0000-0000-000000000000', name: 'Foreign Branch' });
      expect(errorCodes(foreignAnswer)).toEqual(['NOT_FOUND']);
      expect(foreignAnswer.errors![0].message).toBe(missingAnswer.errors![0].message);
    });

    it('deletes everything of the organisation, ends its sessions and keeps an account-level audit event', async () => {
      const { claims } = await doomedOperator.openSession();
      expect(await resolvePrincipal(db.dataSource, claims)).not.toBeNull();
      const response = await subgraph.query(await ownerNow(), DELETE, { id: doomed.id, name: 'Doomed Branch' });
      expect(response.data.deleteOrganisation).toMatchObject({ deletedOrganisationId: doomed.id, deleted: { operators: 2, widgets: 1 } });
      // The operator's two sessions: one opened above, one by principal() in the test before.
      expect(response.data.deleteOrganisation.endedSessions).toBe(2);
      expect(await resolvePrincipal(db.dataSource, claims)).toBeNull();

      for (const entity of productSchema.entities) {
        const metadata = db.dataSource.getMetadata(entity);
        for (const column of ['organisation_id', 'managing_organisation_id', 'id']) {
          if (!metadata.findColumnWithDatabaseName(column)) continue;
          if (column === 'id' && entity !== OrganisationRecord) continue;
          const rows = await db.dataSource.createQueryBuilder().from(metadata.tableName, 't').where(`t.${column} = :id`, { id: doomed.id }).getCount();
          expect({ table: metadata.tableName, column, rows }).toEqual({ table: metadata.tableName, column, rows: 0 });
        }
      }
      expect(await db.dataSource.getRepository(UserRecord).countBy({ id: doomedOperator.id })).toBe(0);
      const audit = await db.dataSource.getRepository(AuditEventRecord).findOneByOrFail({ action: 'organisation.deleted', targetId: doomed.id });
      expect(audit).toMatchObject({ organisationId: null, accountId: account.record.id });
    });
  });
});
