import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import type { Principal } from '@tenantry/auth';
import { ANONYMOUS } from '@tenantry/auth';
import { testUserPrincipal } from '@tenantry/testing';
import { schemaExposurePlugin } from './schema-exposure.plugin';

const schema = buildSchema(`
  enum Colour { RED GREEN }
  type Query { me: String paint(colour: Colour!): String }
`);

const user = (permissions: string[]) => testUserPrincipal({ roleKey: 'CUSTOM', permissions });
const analyst = user(['users.read', 'schema.read']);
const operator = user(['users.read']);

/** The plugin on a plain Apollo server (as on the gateway), asked in-process as a given principal. */
async function serverFor(development: boolean) {
  const server = new ApolloServer<{ principal: Principal }>({
    schema,
    rootValue: { me: () => 'me', paint: () => 'painted' },
    plugins: [schemaExposurePlugin({ development })],
  });
  await server.start();
  const ask = async (principal: Principal, query: string, variables?: Record<string, unknown>) => {
    const { http, body } = await server.executeOperation({ query, variables }, { contextValue: { principal } });
    if (body.kind !== 'single') throw new Error('expected a single result');
    return { status: http.status ?? 200, ...body.singleResult };
  };
  return { ask, stop: () => server.stop() };
}

describe('schema exposure', () => {
  const INTROSPECTION = [
    ['__schema', '{ __schema { types { name } } }'],
    ['__type', '{ __type(name: "Query") { name } }'],
    ['an aliased __type in a fragment', '{ ...Probe } fragment Probe on Query { t: __type(name: "Colour") { name } }'],
  ];

  describe('outside development', () => {
    let server: Awaited<ReturnType<typeof serverFor>>;
    beforeAll(async () => {
      server = await serverFor(false);
    });
    afterAll(() => server.stop());

    it.each(INTROSPECTION)('refuses %s to anonymous callers with UNAUTHENTICATED (401) and no data', async (_, query) => {
      const answer = await server.ask(ANONYMOUS, query);
      expect(answer).toMatchObject({ status: 401, errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
      expect(answer.data).toBeUndefined();
    });

    it.each(INTROSPECTION)('refuses %s to a user without schema.read with FORBIDDEN (403)', async (_, query) => {
      expect(await server.ask(operator, query)).toMatchObject({ status: 403, errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    });

    it.each(INTROSPECTION)('answers %s to a user with schema.read', async (_, query) => {
      const answer = await server.ask(analyst, query);
      expect(answer.errors).toBeUndefined();
      expect(answer.data).toBeDefined();
    });

    it('answers __typename to anyone', async () => {
      expect(await server.ask(ANONYMOUS, '{ __typename }')).toMatchObject({ status: 200, data: { __typename: 'Query' } });
    });

    it('names no field an anonymous caller or a user without schema.read did not ask for', async () => {
      for (const principal of [ANONYMOUS, operator]) {
        const answer = await server.ask(principal, '{ mee }');
        expect(answer.errors?.map((error) => error.message)).toEqual(['Cannot query field "mee" on type "Query".']);
      }
    });

    it('names no enum value in a refused variable', async () => {
      const answer = await server.ask(ANONYMOUS, 'query($colour: Colour!) { paint(colour: $colour) }', { colour: 'REDD' });
      expect(answer.errors?.[0].message).toBe('Variable "$colour" got invalid value "REDD"; Value "REDD" does not exist in "Colour" enum.');
    });

    it('suggests fields and enum values to a user with schema.read', async () => {
      expect((await server.ask(analyst, '{ mee }')).errors?.[0].message).toBe('Cannot query field "mee" on type "Query". Did you mean "me"?');
      const answer = await server.ask(analyst, 'query($colour: Colour!) { paint(colour: $colour) }', { colour: 'REDD' });
      expect(answer.errors?.[0].message).toMatch(/Did you mean the enum value "RED"\?$/);
    });
  });

  describe('with NODE_ENV=development', () => {
    let server: Awaited<ReturnType<typeof serverFor>>;
    beforeAll(async () => {
      server = await serverFor(true);
    });
    afterAll(() => server.stop());

    it('opens introspection and suggestions to every signed-in user', async () => {
      expect((await server.ask(operator, '{ __schema { queryType { name } } }')).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      expect((await server.ask(operator, '{ mee }')).errors?.[0].message).toMatch(/Did you mean "me"\?$/);
    });

    it('still refuses anonymous callers and suggests them nothing', async () => {
      expect(await server.ask(ANONYMOUS, '{ __schema { queryType { name } } }')).toMatchObject({
        status: 401,
        errors: [{ extensions: { code: 'UNAUTHENTICATED' } }],
      });
      expect((await server.ask(ANONYMOUS, '{ mee }')).errors?.[0].message).toBe('Cannot query field "mee" on type "Query".');
    });
  });
});
