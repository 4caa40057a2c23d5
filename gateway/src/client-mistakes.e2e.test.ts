import { createHash } from 'node:crypto';
import { bearer } from '@tenantry/testing';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** What the gateway answered to a raw HTTP request: status, first error code and message, data. */
interface RawAnswer {
  status: number;
  code?: string;
  message?: string;
  data?: unknown;
}

describe('client mistakes through the gateway', () => {
  let demo: DemoGraph;
  let ownerToken: string;
  let operatorToken: string;
  let defaultOrganisationId: string;

  beforeAll(async () => {
    demo = await startDemoGraph();
    ownerToken = await demo.login('demo.owner');
    operatorToken = await demo.login('demo.operator');
    defaultOrganisationId = (await demo.graph('{ me { organisation { id } } }', {}, ownerToken)).data.me.organisation.id;
  });
  afterAll(() => demo?.close());

  async function send(init: RequestInit, search = ''): Promise<RawAnswer> {
    const response = await fetch(`${demo.stack.gatewayUrl}${search}`, init);
    const body = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
    const error = body.errors?.[0];
    return { status: response.status, code: error?.extensions?.code, message: error?.message, data: body.data };
  }

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    send({ method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  describe('requests that cannot run answer 4xx with a code', () => {
    it.each<[string, () => Promise<RawAnswer>, number, string]>([
      ['an operationName that matches nothing', () => post({ query: 'query A { __typename }', operationName: 'B' }), 400, 'BAD_USER_INPUT'],
      ['several operations without operationName', () => post({ query: 'query A { __typename } query B { __typename }' }), 400, 'BAD_USER_INPUT'],
      ['a subscription (the graph has none)', () => post({ query: 'subscription { __typename }' }), 400, 'BAD_USER_INPUT'],
      [
        'a persisted query with an unknown hash',
        () => post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ never sent }') } } }),
        404,
        'PERSISTED_QUERY_NOT_FOUND',
      ],
      [
        'a persisted query whose hash does not match its text',
        () => post({ query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ other }') } } }),
        400,
        'BAD_USER_INPUT',
      ],
      [
        'a persisted query of an unsupported version',
        () => post({ query: '{ __typename }', extensions: { persistedQuery: { version: 2, sha256Hash: sha256('{ __typename }') } } }),
        400,
        'BAD_USER_INPUT',
      ],
      ['malformed JSON', () => post('{"query": '), 400, 'BAD_USER_INPUT'],
      ['a batch (a JSON array)', () => post([{ query: '{ __typename }' }, { query: '{ __typename }' }]), 400, 'BAD_USER_INPUT'],
      [
        'variables of the wrong type',
        () => post({ query: 'query($first: Int) { organisations(first: $first) { totalCount } }', variables: { first: 'many' } }, bearer(ownerToken)),
        400,
        'BAD_USER_INPUT',
      ],
      ['a GET without a CSRF-safe header', () => send({ method: 'GET' }, `?query=${encodeURIComponent('{ __typename }')}`), 400, 'BAD_USER_INPUT'],
      [
        'a mutation over GET',
        () => send({ method: 'GET', headers: { 'apollo-require-preflight': 'true' } }, `?query=${encodeURIComponent('mutation { logout }')}`),
        405,
        'BAD_USER_INPUT',
      ],
    ])('%s', async (_what, ask, status, code) => {
      const answer = await ask();
      expect({ status: answer.status, code: answer.code }).toEqual({ status, code });
    });

    it('names the operationName that matches nothing', async () => {
      expect((await post({ query: 'query A { __typename }', operationName: 'B' })).message).toContain('"B"');
    });

    it('runs a persisted query once its text was sent with its hash', async () => {
      const query = '{ __typename }';
      const persistedQuery = { version: 1, sha256Hash: sha256(query) };
      expect(await post({ query, extensions: { persistedQuery } })).toMatchObject({ status: 200, data: { __typename: 'Query' } });
      expect(await post({ extensions: { persistedQuery } })).toMatchObject({ status: 200, data: { __typename: 'Query' } });
    });

    it('runs a query sent over GET with a CSRF-safe header', async () => {
      const answer = await send({ method: 'GET', headers: { 'apollo-require-preflight': 'true' } }, `?query=${encodeURIComponent('{ __typename }')}`);
      expect(answer).toMatchObject({ status: 200, data: { __typename: 'Query' } });
    });
  });

  it('keeps 200 for a refusal a resolver decides from the data: only refused arguments make a 400', async () => {
    const unknownRole = await post(
      {
        query: 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
        variables: {
          input: {
            organisationId: defaultOrganisationId,
            username: 'no.such.role',
            email: 'role@example.com',
            firstName: 'N',
            lastName: 'R',
            roleKey: 'NO_SUCH_ROLE',
          },
        },
      },
      bearer(ownerToken),
    );
    expect({ status: unknownRole.status, code: unknownRole.code }).toEqual({ status: 200, code: 'BAD_USER_INPUT' });
  });

  describe('users(search:)', () => {
    const USERS = 'query($id: ID!, $search: String) { users(organisationId: $id, search: $search) { totalCount } }';

    it('refuses a 50,000-character search with 400 and BAD_USER_INPUT naming the argument', async () => {
      const answer = await post({ query: USERS, variables: { id: defaultOrganisationId, search: 'x'.repeat(50_000) } }, bearer(ownerToken));
      expect({ status: answer.status, code: answer.code }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
      expect(answer.message).toContain('search');
    });

    it('refuses a page size over 100 with 400 like any refused argument', async () => {
      const answer = await post(
        { query: 'query($id: ID!) { users(organisationId: $id, first: 500) { totalCount } }', variables: { id: defaultOrganisationId } },
        bearer(ownerToken),
      );
      expect({ status: answer.status, code: answer.code }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
    });

    it('takes a search of 200 characters', async () => {
      const answer = await post({ query: USERS, variables: { id: defaultOrganisationId, search: 'x'.repeat(200) } }, bearer(ownerToken));
      expect(answer).toMatchObject({ status: 200, data: { users: { totalCount: 0 } } });
    });
  });

  describe('names refuse invisible and reordering characters, in every subgraph', () => {
    it('organisations: an organisation name with a right-to-left override', async () => {
      const answer = await post(
        {
          query: 'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }',
          variables: {
            input: { name: 'Support\u202Eexe.', firstOperator: { username: 'bidi.operator', email: 'bidi@example.com', firstName: 'B', lastName: 'D' } },
          },
        },
        bearer(ownerToken),
      );
      expect({ status: answer.status, code: answer.code }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
      expect(answer.message).toMatch(/name .*bidirectional formatting/);
    });

    it("organisations: a first operator's name with a control character, named by its path", async () => {
      const answer = await post(
        {
          query: 'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }',
          variables: {
            input: { name: 'Clean name', firstOperator: { username: 'ctl.operator', email: 'ctl@example.com', firstName: 'Bell\u0007', lastName: 'D' } },
          },
        },
        bearer(ownerToken),
      );
      expect({ status: answer.status, code: answer.code }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
      expect(answer.message).toContain('firstOperator.firstName');
    });

    it('users: a last name with half a surrogate pair', async () => {
      const answer = await post(
        {
          query: 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
          variables: {
            input: {
              organisationId: defaultOrganisationId,
              username: 'half.surrogate',
              email: 'half@example.com',
              firstName: 'H',
              lastName: 'Half\uD800',
              roleKey: 'OPERATOR',
            },
          },
        },
        bearer(ownerToken),
      );
      expect({ status: answer.status, code: answer.code }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
      expect(answer.message).toMatch(/lastName .*unpaired surrogates/);
      const created = await demo.graph(
        'query($id: ID!) { users(organisationId: $id, search: "half.surrogate") { totalCount } }',
        { id: defaultOrganisationId },
        ownerToken,
      );
      expect(created.data.users.totalCount).toBe(0);
    });

    it('permissions: a role name with a zero-width space', async () => {
      const answer = await post(
        {
          query: 'mutation($input: CreateRoleInput!) { createRole(input: $input) { id } }',
          variables: { input: { organisationId: defaultOrganisationId, name: 'Ad\u200Bmin', permissions: [] } },
        },
        bearer(ownerToken),
      );
      expect({ status: answer.status, code: answer.code }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
      expect(answer.message).toMatch(/name .*zero-width/);
    });
  });

  describe('protected fields', () => {
    it.each([['{ me { id } }'], ['{ account { seatLimit } }'], ['{ permissionCatalog { key } }']])(
      'answer an anonymous %s with UNAUTHENTICATED',
      async (query) => {
        expect((await post({ query })).code).toBe('UNAUTHENTICATED');
      },
    );

    it('answer an anonymous protected mutation with UNAUTHENTICATED', async () => {
      expect((await post({ query: 'mutation { logout }' })).code).toBe('UNAUTHENTICATED');
      const answer = await post({
        query: 'mutation($input: CreateRoleInput!) { createRole(input: $input) { id } }',
        variables: { input: { organisationId: defaultOrganisationId, name: 'Night shift', permissions: [] } },
      });
      expect(answer.code).toBe('UNAUTHENTICATED');
    });

    it('answer a signed-in user without the permission with FORBIDDEN', async () => {
      expect((await post({ query: '{ account { seatLimit } }' }, bearer(operatorToken))).code).toBe('FORBIDDEN');
      expect((await post({ query: '{ organisationDeletionPreview(id: "' + defaultOrganisationId + '") { operators } }' }, bearer(operatorToken))).code).toBe(
        'FORBIDDEN',
      );
    });
  });
});
