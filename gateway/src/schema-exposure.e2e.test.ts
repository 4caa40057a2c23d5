import { randomUUID } from 'node:crypto';
import type { GraphQLResponse } from '@tenantry/testing';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';

/** Everything a client reads of an answer's errors, as one text to search for leaks. */
const errorText = (response: GraphQLResponse) => JSON.stringify(response.errors ?? []);

describe('schema exposure through the gateway', () => {
  let demo: DemoGraph;
  let ownerToken: string;
  let operatorToken: string;

  beforeAll(async () => {
    demo = await startDemoGraph();
    ownerToken = await demo.login('demo.owner');
    operatorToken = await demo.login('demo.operator');
  });
  afterAll(() => demo?.close());

  const INTROSPECTION = ['{ __schema { types { name } } }', '{ __type(name: "User") { name } }'];

  it.each(INTROSPECTION)('refuses %s to anonymous callers with UNAUTHENTICATED', async (query) => {
    const answer = await demo.graph(query);
    expect(answer).toMatchObject({ status: 401, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(answer.data).toBeUndefined();
  });

  it.each(INTROSPECTION)('refuses %s to the operator, who lacks schema.read, with FORBIDDEN', async (query) => {
    const answer = await demo.graph(query, {}, operatorToken);
    expect(answer).toMatchObject({ status: 403, errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    expect(answer.data).toBeUndefined();
  });

  it('refuses introspection asked beside a real field, answering nothing of either', async () => {
    const answer = await demo.graph('{ me { id } __schema { queryType { name } } }', {}, operatorToken);
    expect(answer).toMatchObject({ status: 403, errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    expect(answer.data).toBeUndefined();
  });

  it('gives the owner, who holds schema.read, the schema', async () => {
    const schema = await demo.graph<{ __schema: { types: { name: string }[] } }>(INTROSPECTION[0], {}, ownerToken);
    expect(schema.errors).toBeUndefined();
    expect(schema.data?.__schema.types.map((type) => type.name)).toContain('User');
    expect((await demo.graph(INTROSPECTION[1], {}, ownerToken)).data).toEqual({ __type: { name: 'User' } });
  });

  it('answers __typename to anonymous callers', async () => {
    expect((await demo.graph('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('tells an anonymous caller an unknown field is unknown (BAD_USER_INPUT) without suggesting a real one', async () => {
    const answer = await demo.graph('{ mee { id } }');
    expect(answer.errors).toEqual([
      expect.objectContaining({ message: 'Cannot query field "mee" on type "Query".', extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    ]);
    expect(errorText(answer)).not.toContain('Did you mean');
  });

  it('suggests the real field to the owner', async () => {
    const answer = await demo.graph('{ mee { id } }', {}, ownerToken);
    expect(answer.errors?.[0]).toMatchObject({
      message: 'Cannot query field "mee" on type "Query". Did you mean "me"?',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it.each([
    ['organisations', 'query($id: ID!) { organisationDeletionPreview(id: $id) { operators } }'],
    ['users', 'query($id: ID!) { users(organisationId: $id) { totalCount } }'],
  ])('does not say that the %s subgraph answered an error', async (_, query) => {
    const answer = await demo.graph(query, { id: randomUUID() }, ownerToken);
    expect(answer.errors).toEqual([expect.objectContaining({ extensions: { code: 'NOT_FOUND' } })]);
    expect(errorText(answer)).not.toMatch(/serviceName|http:\/\//);
  });

  // Last: it changes the operator's role.
  it('gives the schema to a user once the owner grants them a role with schema.read', async () => {
    const operator = (await demo.graph('{ me { id organisation { id } } }', {}, operatorToken)).data.me;
    const created = await demo.graph(
      'mutation($input: CreateRoleInput!) { createRole(input: $input) { id } }',
      { input: { organisationId: operator.organisation.id, name: 'Analyst', permissions: ['organisation.read', 'users.read', 'schema.read'] } },
      ownerToken,
    );
    expect(created.errors).toBeUndefined();
    const assigned = await demo.graph(
      'mutation($userId: ID!, $roleId: ID!) { assignRole(userId: $userId, roleId: $roleId) { id } }',
      { userId: operator.id, roleId: created.data.createRole.id },
      ownerToken,
    );
    expect(assigned.errors).toBeUndefined();
    expect((await demo.graph(INTROSPECTION[1], {}, operatorToken)).data).toEqual({ __type: { name: 'User' } });
  });
});
