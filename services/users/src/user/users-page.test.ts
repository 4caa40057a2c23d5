import type { UserPrincipal } from '@tenantry/auth';
import type { OrganisationSeed } from '@tenantry/testing';
import { insertUsers } from '@tenantry/testing';
import type { UsersTestbed } from '../testing/users.testkit';
import { startTestbed } from '../testing/users.testkit';

/** The users subgraph's part of a users page with roles, organisations and pending invitations, as the gateway asks for it. */
const PAGE = `query($organisationId: ID!) {
  users(organisationId: $organisationId, first: 50) { edges { node { __typename id username status organisation { __typename id } } cursor } pageInfo { hasNextPage endCursor } }
  invitations(organisationId: $organisationId, status: [PENDING], first: 50) { edges { node { id email status } } }
}`;
const INVITE = 'mutation($input: InviteUserInput!) { inviteUser(input: $input) { id } }';

describe('the users page: statements per request', () => {
  let bed: UsersTestbed;
  let organisation: OrganisationSeed;
  let manager: UserPrincipal;
  let foreignOrganisationId: string;
  let foreignUsername: string;

  beforeAll(async () => {
    bed = await startTestbed();
    organisation = await (await bed.seed.createAccount()).createOrganisation();
    const managerSeed = await organisation.createUser('MANAGER');
    manager = await managerSeed.principal();
    const invited = await bed.query(manager, INVITE, {
      input: { organisationId: organisation.id, email: 'invited@example.com', firstName: 'In', lastName: 'Vited', language: 'EN', roleKey: 'OPERATOR' },
    });
    expect(invited.errors).toBeUndefined();
    const foreign = await (await bed.seed.createAccount()).createOrganisation();
    foreignOrganisationId = foreign.id;
    foreignUsername = (await foreign.createUser('OPERATOR')).record.username;
  });
  afterAll(() => bed.close());

  const statementsOfPage = async () => {
    bed.db.queries.reset();
    const answer = await bed.query(manager, PAGE, { organisationId: organisation.id });
    expect(answer.errors).toBeUndefined();
    return { users: answer.data.users.edges.length, statements: [...bed.db.queries.statements] };
  };
  const growTo = async (count: number) => {
    const [{ n }] = await bed.db.dataSource.query('SELECT COUNT(*) AS n FROM users WHERE organisation_id = ?', [organisation.id]);
    const template = (await bed.db.dataSource.query('SELECT id FROM users WHERE organisation_id = ? LIMIT 1', [organisation.id]))[0].id;
    await insertUsers(bed.db.dataSource, { templateUserId: template, count: count - Number(n), usernamePrefix: `page.${count}` });
  };

  it('are the same two with 10 and with 1,000 users: the users and the invitations, each read under the visibility rule; no count', async () => {
    await growTo(10);
    const small = await statementsOfPage();
    await growTo(1_000);
    const large = await statementsOfPage();

    expect([small.users, large.users]).toEqual([10, 50]);
    expect(large.statements).toHaveLength(2);
    expect(large.statements.every((sql) => /EXISTS \(SELECT 1 FROM organisations/.test(sql))).toBe(true);
    expect(small.statements).toHaveLength(large.statements.length);
    expect(large.statements.filter((sql) => /COUNT\(/i.test(sql))).toEqual([]);
  });

  it("answers NOT_FOUND for another account's organisation, not an empty page, though the pages no longer ask the rule first", async () => {
    // One page per request: of two non-null root fields failing together, graphql-js reports whichever failed first.
    for (const page of ['users', 'invitations']) {
      const answer = await bed.query(manager, `query($organisationId: ID!) { ${page}(organisationId: $organisationId) { edges { node { id } } } }`, {
        organisationId: foreignOrganisationId,
      });
      expect(answer.data?.[page] ?? null).toBeNull();
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
    }
  });

  it("searches another account's organisation in the same statements whether a name there starts with the search or not", async () => {
    const statementsOfSearch = async (search: string) => {
      bed.db.queries.reset();
      const answer = await bed.query(
        manager,
        'query($organisationId: ID!, $search: String) { users(organisationId: $organisationId, search: $search) { edges { node { id } } } }',
        {
          organisationId: foreignOrganisationId,
          search,
        },
      );
      expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND']);
      return bed.db.queries.statements.length;
    };
    expect(await statementsOfSearch(foreignUsername)).toBe(await statementsOfSearch('qqqnobodystartswiththis'));
  });
});
