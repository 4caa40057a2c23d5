import { AccountRecord, OrganisationRecord, visibleOrganisations } from '@tenantry/organisations-module';
import { resolvePrincipal } from '@tenantry/store';
import type { AccountSeed, OrganisationSeed, TestDatabase, UserSeed } from '@tenantry/testing';
import { createTestDatabase, errorCodes, initSeed, snapshotAllRows, SubgraphHarness, TEST_PRINCIPAL_SECRET } from '@tenantry/testing';
import { createOrganisationsServer } from '../server';

const CREATE_CUSTOMER = `mutation($input: CreateCustomerOrganisationInput!) { createCustomerOrganisation(input: $input) { id name kind managingOrganisation { id } } }`;
const NAMES = `{ organisations { edges { node { name kind } } } }`;
const ORGANISATION = `query($id: ID!) { organisation(id: $id) { id } }`;
const INDEPENDENT = `mutation($id: ID!, $owner: ID!) { makeCustomerIndependent(organisationId: $id, ownerUserId: $owner) { id name organisations { id kind } } }`;

describe('customer organisations', () => {
  let db: TestDatabase;
  let subgraph: SubgraphHarness;
  let account: AccountSeed;
  let manager: UserSeed;
  let acme: OrganisationSeed;
  let acmeAdministrator: UserSeed;
  let globex: OrganisationSeed;

  beforeAll(async () => {
    db = await createTestDatabase();
    account = await initSeed(db.dataSource).createAccount('Field Service');
    manager = await account.defaultOrganisation.createUser('MANAGER');
    acme = await account.defaultOrganisation.createCustomer('Acme');
    acmeAdministrator = await acme.createUser('ADMINISTRATOR');
    globex = await account.defaultOrganisation.createCustomer('Globex');
    subgraph = await SubgraphHarness.start(
      await createOrganisationsServer(db.dataSource, TEST_PRINCIPAL_SECRET, { publicUrl: 'http://app.test' }),
      'organisations',
    );
  });
  afterAll(async () => {
    await subgraph.stop();
    await db.drop();
  });

  it('an administrator of the managing organisation creates a customer with its first administrator', async () => {
    const response = await subgraph.query(await manager.principal(), CREATE_CUSTOMER, {
      input: { name: 'Initech', firstAdministrator: { username: 'initech.admin', email: 'admin@initech.example', firstName: 'Bill', lastName: 'Lumbergh' } },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data.createCustomerOrganisation).toMatchObject({
      name: 'Initech',
      kind: 'CUSTOMER',
      managingOrganisation: { id: account.defaultOrganisation.id },
    });
  });

  it('customer organisations and their users take no seats', async () => {
    const full = await initSeed(db.dataSource).createAccount(undefined, 1); // the owner holds the only seat
    const owner = await full.owner.principal();
    const input = (name: string) => ({
      name,
      firstAdministrator: { username: `${name.toLowerCase()}.admin.${process.pid}`, email: 'a@example.com', firstName: 'A', lastName: 'B' },
    });
    expect((await subgraph.query(owner, CREATE_CUSTOMER, { input: input('Seatless') })).errors).toBeUndefined();
    const usage = await subgraph.query(await full.owner.principal(), '{ account { usage { organisations operators seatsLeft pendingInvitations } } }');
    expect(usage.data.account.usage).toEqual({ organisations: 1, operators: 1, seatsLeft: 0, pendingInvitations: 0 });
  });

  it('operators and customer users may not create customers', async () => {
    const operator = await account.defaultOrganisation.createUser('OPERATOR');
    const input = { name: 'Nope', firstAdministrator: { username: 'nope.admin', email: 'n@example.com', firstName: 'N', lastName: 'O' } };
    expect(errorCodes(await subgraph.query(await operator.principal(), CREATE_CUSTOMER, { input }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.query(await acmeAdministrator.principal(), CREATE_CUSTOMER, { input }))).toEqual(['FORBIDDEN']);
  });

  it('a customer administrator sees only their own customer organisation', async () => {
    const principal = await acmeAdministrator.principal();
    expect((await subgraph.query(principal, NAMES)).data.organisations.edges).toEqual([{ node: { name: 'Acme', kind: 'CUSTOMER' } }]);
    for (const hidden of [account.defaultOrganisation.id, globex.id]) {
      expect((await subgraph.query(principal, ORGANISATION, { id: hidden })).data).toEqual({ organisation: null });
    }
    const managing = await subgraph.query(principal, `query($id: ID!) { organisation(id: $id) { managingOrganisation { id } } }`, { id: acme.id });
    expect(managing.data.organisation).toEqual({ managingOrganisation: null });
  });

  it('a customer administrator edits their organisation but may not rename it (a clash would reveal other names)', async () => {
    const principal = await acmeAdministrator.principal();
    const update = `mutation($id: ID!, $input: UpdateOrganisationInput!) { updateOrganisation(id: $id, input: $input) { name location } }`;
    expect(errorCodes(await subgraph.query(principal, update, { id: acme.id, input: { name: 'Globex' } }))).toEqual(['FORBIDDEN']);
    expect((await subgraph.query(principal, update, { id: acme.id, input: { location: 'Leiden' } })).data.updateOrganisation).toEqual({
      name: 'Acme',
      location: 'Leiden',
    });
    expect((await subgraph.query(principal, update, { id: acme.id, input: {} })).data.updateOrganisation).toEqual({ name: 'Acme', location: 'Leiden' });
  });

  it("the managing organisation's managers see their customers", async () => {
    const names = (await subgraph.query(await manager.principal(), NAMES)).data.organisations.edges.map((edge: { node: { name: string } }) => edge.node.name);
    expect(names).toEqual(expect.arrayContaining(['Field Service', 'Acme', 'Globex']));
  });

  describe('makeCustomerIndependent', () => {
    it("is the account owner's decision alone: a manager holding customers.manage is refused, even naming an administrator", async () => {
      const customer = await account.defaultOrganisation.createCustomer();
      const planted = await customer.createUser('ADMINISTRATOR');
      const principal = await manager.principal();
      const before = await snapshotAllRows(db.dataSource);
      expect(errorCodes(await subgraph.query(principal, INDEPENDENT, { id: customer.id, owner: planted.id }))).toEqual(['FORBIDDEN']);
      expect(await snapshotAllRows(db.dataSource)).toEqual(before);
    });

    it("refuses an owner who is not one of the customer's administrators, and a foreign customer", async () => {
      const principal = await account.owner.principal();
      expect(errorCodes(await subgraph.query(principal, INDEPENDENT, { id: acme.id, owner: manager.id }))).toEqual(['BAD_USER_INPUT']);
      const foreign = await (await initSeed(db.dataSource).createAccount()).defaultOrganisation.createCustomer();
      const foreignAdministrator = await foreign.createUser('ADMINISTRATOR');
      expect(errorCodes(await subgraph.query(principal, INDEPENDENT, { id: foreign.id, owner: foreignAdministrator.id }))).toEqual(['NOT_FOUND']);
    });

    it('moves the customer into a new account owned by its administrator; the former managing organisation sees nothing of it', async () => {
      const response = await subgraph.query(await account.owner.principal(), INDEPENDENT, { id: acme.id, owner: acmeAdministrator.id });
      expect(response.errors).toBeUndefined();
      expect(response.data.makeCustomerIndependent).toMatchObject({ name: 'Acme', organisations: [{ id: acme.id, kind: 'DEFAULT' }] });

      const moved = await db.dataSource.getRepository(OrganisationRecord).findOneByOrFail({ id: acme.id });
      const newAccount = await db.dataSource.getRepository(AccountRecord).findOneByOrFail({ id: moved.accountId });
      expect(newAccount.ownerUserId).toBe(acmeAdministrator.id);
      expect(moved.managingOrganisationId).toBeNull();

      const formerManager = await manager.principal();
      expect((await visibleOrganisations(db.dataSource.manager, formerManager).getMany()).map((o) => o.id)).not.toContain(acme.id);
      expect((await subgraph.query(formerManager, ORGANISATION, { id: acme.id })).data).toEqual({ organisation: null });

      const newOwner = await acmeAdministrator.principal();
      expect(newOwner).toMatchObject({ isAccountOwner: true, accountId: newAccount.id, roleKey: 'OWNER', homeOrganisationId: acme.id });
      expect((await subgraph.query(newOwner, '{ account { name usage { organisations operators } } }')).data.account).toEqual({
        name: 'Acme',
        usage: { organisations: 1, operators: 1 },
      });
      const { claims } = await acmeAdministrator.openSession();
      expect(await resolvePrincipal(db.dataSource, claims)).not.toBeNull();
    });
  });
});
