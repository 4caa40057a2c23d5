import { PromotionRecord } from '@tenantry/permissions-module';
import type { AccountSeed, GraphQLResponse, TestDatabase } from '@tenantry/testing';
import { createTestDatabase, errorCodes, initSeed, snapshotAllRows, SubgraphHarness, TEST_PRINCIPAL_SECRET } from '@tenantry/testing';
import { createOrganisationsServer } from '../server';

const RENAME = `mutation($id: ID!, $name: String!) { updateOrganisation(id: $id, input: { name: $name }) { name } }`;
const RELOCATE = `mutation($id: ID!) { updateOrganisation(id: $id, input: { location: "Gouda" }) { location } }`;
const CREATE_CUSTOMER = `mutation($input: CreateCustomerOrganisationInput!) { createCustomerOrganisation(input: $input) { name } }`;

let sequence = 0;
const customer = (name: string) => ({
  name,
  firstAdministrator: { username: `names.admin.${process.pid}.${++sequence}`, email: 'admin@example.com', firstName: 'A', lastName: 'D' },
});
const answer = (response: GraphQLResponse) => ({ codes: errorCodes(response), message: response.errors?.[0]?.message });

describe('organisation names never reveal an organisation the caller cannot see', () => {
  let db: TestDatabase;
  let subgraph: SubgraphHarness;
  let account: AccountSeed;

  beforeAll(async () => {
    db = await createTestDatabase();
    account = await initSeed(db.dataSource).createAccount('Names');
    subgraph = await SubgraphHarness.start(
      await createOrganisationsServer(db.dataSource, TEST_PRINCIPAL_SECRET, { publicUrl: 'http://app.test' }),
      'organisations',
    );
  });
  afterAll(async () => {
    await subgraph.stop();
    await db.drop();
  });

  it('customers are unique per managing organisation: two organisations may each have a customer of the same name', async () => {
    const north = await (await account.createOrganisation('North')).createUser('MANAGER');
    const south = await (await account.createOrganisation('South')).createUser('MANAGER');
    expect((await subgraph.query(await north.principal(), CREATE_CUSTOMER, { input: customer('Globex') })).errors).toBeUndefined();
    expect((await subgraph.query(await south.principal(), CREATE_CUSTOMER, { input: customer('Globex') })).errors).toBeUndefined();
    expect(errorCodes(await subgraph.query(await south.principal(), CREATE_CUSTOMER, { input: customer('Globex') }))).toEqual(['BAD_USER_INPUT']);
  });

  it("a sub-organisation's manager changes its settings but not its name: the same FORBIDDEN whether the name is taken or free", async () => {
    const branch = await account.createOrganisation('West');
    const manager = await (await branch.createUser('MANAGER')).principal();
    const before = await snapshotAllRows(db.dataSource);
    const taken = await subgraph.query(manager, RENAME, { id: branch.id, name: 'Names' });
    const free = await subgraph.query(manager, RENAME, { id: branch.id, name: 'Nobody has this name' });
    expect(answer(taken)).toEqual(answer(free));
    expect(errorCodes(taken)).toEqual(['FORBIDDEN']);
    expect(await snapshotAllRows(db.dataSource)).toEqual(before);
    expect((await subgraph.query(manager, RELOCATE, { id: branch.id })).data).toEqual({ updateOrganisation: { location: 'Gouda' } });
  });

  it('a manager promoted into one customer cannot rename it among customers they do not see', async () => {
    const acme = await account.defaultOrganisation.createCustomer('Acme');
    await account.defaultOrganisation.createCustomer('Initech');
    const promoted = await (await account.createOrganisation('East')).createUser('MANAGER');
    await db.dataSource.getRepository(PromotionRecord).insert({ userId: promoted.id, organisationId: acme.id, grantedAt: new Date() });
    const principal = await promoted.principal();
    const taken = await subgraph.query(principal, RENAME, { id: acme.id, name: 'Initech' });
    const free = await subgraph.query(principal, RENAME, { id: acme.id, name: 'Nobody has this name' });
    expect(answer(taken)).toEqual(answer(free));
    expect(errorCodes(taken)).toEqual(['FORBIDDEN']);
  });

  it('the owner sees every namespace of the account and is told when a name is taken', async () => {
    const branch = await account.createOrganisation('Central');
    const owner = await account.owner.principal();
    expect(errorCodes(await subgraph.query(owner, RENAME, { id: branch.id, name: 'Names' }))).toEqual(['BAD_USER_INPUT']);
    expect((await subgraph.query(owner, RENAME, { id: branch.id, name: 'Middle' })).data).toEqual({ updateOrganisation: { name: 'Middle' } });
  });
});
