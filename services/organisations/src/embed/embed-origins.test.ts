import type { UserPrincipal } from '@tenantry/auth';
import { ANONYMOUS, PRINCIPAL_HEADER, signPrincipalToken } from '@tenantry/auth';
import { internalAudience } from '@tenantry/federation';
import type { AccountSeed, OrganisationSeed, TestDatabase } from '@tenantry/testing';
import { createTestDatabase, errorCodes, initSeed, SubgraphHarness, TEST_PRINCIPAL_SECRET } from '@tenantry/testing';
import { buildOrganisationsSchema } from '../schema';
import { createOrganisationsServer } from '../server';
import { EMBED_ORIGIN_ROUTE } from './embed-origin.job';
import { MAX_EMBED_ORIGINS, normaliseEmbedOrigins } from './embed-origins';

const SET = `mutation($id: ID!, $origins: [String!]!) { updateOrganisation(id: $id, input: { embedOrigins: $origins }) { id embedOrigins } }`;
const READ = `query($id: ID!) { organisation(id: $id) { embedOrigins } }`;

describe('normaliseEmbedOrigins', () => {
  it('normalises, drops duplicates and sorts', () => {
    expect(normaliseEmbedOrigins(['https://B.example.com/', 'https://a.example.com:443', 'https://b.example.com'])).toEqual([
      'https://a.example.com',
      'https://b.example.com',
    ]);
  });

  it('names the first entry that is no origin, and refuses a list over the limit', () => {
    expect(() => normaliseEmbedOrigins(['https://ok.example.com', 'https://portal.example.com/login'])).toThrow(
      /"https:\/\/portal.example.com\/login" is not an origin/,
    );
    const many = Array.from({ length: MAX_EMBED_ORIGINS + 1 }, (_, index) => `https://p${index}.example.com`);
    expect(() => normaliseEmbedOrigins(many)).toThrow(`at most ${MAX_EMBED_ORIGINS} origins`);
  });
});

describe('Organisation.embedOrigins', () => {
  let db: TestDatabase;
  let subgraph: SubgraphHarness;
  let account: AccountSeed;
  let customer: OrganisationSeed;
  let support: OrganisationSeed;
  let owner: UserPrincipal;
  let manager: UserPrincipal;
  let operator: UserPrincipal;
  let customerAdministrator: UserPrincipal;
  let foreignOwner: UserPrincipal;

  /** Asks the internal route as the gateway does, with a token signed for it. */
  async function listed(body: unknown, audience = internalAudience('organisations')): Promise<Response> {
    return fetch(new URL(EMBED_ORIGIN_ROUTE, subgraph.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: await signPrincipalToken(ANONYMOUS, audience, TEST_PRINCIPAL_SECRET) },
      body: JSON.stringify(body),
    });
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const seed = initSeed(db.dataSource);
    account = await seed.createAccount();
    customer = await account.defaultOrganisation.createCustomer();
    support = await account.createOrganisation();
    owner = await account.owner.principal();
    manager = await (await account.defaultOrganisation.createUser('MANAGER')).principal();
    operator = await (await account.defaultOrganisation.createUser('OPERATOR')).principal();
    customerAdministrator = await (await customer.createUser('ADMINISTRATOR')).principal();
    foreignOwner = await (await seed.createAccount()).owner.principal();
    subgraph = await SubgraphHarness.start(
      await createOrganisationsServer(db.dataSource, TEST_PRINCIPAL_SECRET, { publicUrl: 'http://app.test' }),
      'organisations',
    );
  });
  afterAll(async () => {
    await subgraph.stop();
    await db.drop();
  });

  it('is empty until set, then the normalised list, readable by those who see the organisation', async () => {
    const id = account.defaultOrganisation.id;
    expect((await subgraph.query(operator, READ, { id })).data.organisation.embedOrigins).toEqual([]);
    const set = await subgraph.query(owner, SET, { id, origins: ['https://Portal.Example.com/', 'http://localhost:8080'] });
    expect(set.errors).toBeUndefined();
    expect(set.data.updateOrganisation.embedOrigins).toEqual(['http://localhost:8080', 'https://portal.example.com']);
    expect((await subgraph.query(operator, READ, { id })).data.organisation.embedOrigins).toEqual(['http://localhost:8080', 'https://portal.example.com']);
    // Another account's owner sees no such organisation at all.
    expect((await subgraph.query(foreignOwner, READ, { id })).data.organisation).toBeNull();
  });

  it('is set by whoever may manage the organisation, replacing the whole list, and audited', async () => {
    const id = account.defaultOrganisation.id;
    const set = await subgraph.query(manager, SET, { id, origins: ['https://partner.example.org'] });
    expect(set.data.updateOrganisation.embedOrigins).toEqual(['https://partner.example.org']);
    expect(errorCodes(await subgraph.query(operator, SET, { id, origins: [] }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await subgraph.query(foreignOwner, SET, { id, origins: [] }))).toEqual(['NOT_FOUND']);
    const [audit] = await db.dataSource.query(
      `SELECT details FROM audit_events WHERE target_id = ? AND action = 'organisation.updated' ORDER BY created_at DESC LIMIT 1`,
      [id],
    );
    expect(JSON.parse(audit.details)).toEqual({ changed: ['embedOrigins'], embedOrigins: ['https://partner.example.org'] });
  });

  it('refuses a bad origin or too many with BAD_USER_INPUT and changes nothing', async () => {
    const id = support.id;
    await subgraph.query(owner, SET, { id, origins: ['https://kept.example.com'] });
    for (const origins of [['https://kept.example.com', 'not an origin'], ['*'], Array.from({ length: 21 }, (_, i) => `https://p${i}.example.com`)]) {
      const refused = await subgraph.query(owner, SET, { id, origins });
      expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    }
    expect((await subgraph.query(owner, READ, { id })).data.organisation.embedOrigins).toEqual(['https://kept.example.com']);
  });

  it('cannot be set on a customer organisation, which has no customers', async () => {
    const refused = await subgraph.query(customerAdministrator, SET, { id: customer.id, origins: ['https://portal.example.com'] });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors?.[0].message).toBe('A customer organisation has no customers whose login a portal could embed.');
  });

  it('an empty list removes them all', async () => {
    const id = support.id;
    expect((await subgraph.query(owner, SET, { id, origins: [] })).data.updateOrganisation.embedOrigins).toEqual([]);
  });

  it('the internal route answers whether an origin is listed, for one organisation or any, and nothing else', async () => {
    const id = account.defaultOrganisation.id;
    await subgraph.query(owner, SET, { id, origins: ['https://partner.example.org'] });
    const ask = async (body: unknown) => (await (await listed(body)).json()) as unknown;
    expect(await ask({ origin: 'https://partner.example.org', organisationId: id })).toEqual({ listed: true });
    expect(await ask({ origin: 'https://PARTNER.example.org:443', organisationId: id })).toEqual({ listed: true });
    expect(await ask({ origin: 'https://partner.example.org' })).toEqual({ listed: true });
    expect(await ask({ origin: 'https://partner.example.org', organisationId: support.id })).toEqual({ listed: false });
    expect(await ask({ origin: 'https://other.example.org' })).toEqual({ listed: false });
    expect(await ask({ origin: 'null' })).toEqual({ listed: false });
    expect((await listed({ organisationId: id })).status).toBe(400);
  });

  it('the internal route refuses a token meant for the graph, and the graph has no root field for it', async () => {
    expect((await listed({ origin: 'https://partner.example.org' }, 'organisations')).status).toBe(401);
    const schema = await buildOrganisationsSchema();
    expect(Object.keys({ ...schema.getQueryType()?.getFields(), ...schema.getMutationType()?.getFields() }).filter((name) => /embed/i.test(name))).toEqual([]);
  });
});
