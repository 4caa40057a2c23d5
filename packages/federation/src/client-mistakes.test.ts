import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { Length, ValidateNested } from 'class-validator';
import { allow } from 'graphql-shield';
import { Arg, Directive, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { ANONYMOUS, isAuthenticated, Principal, PRINCIPAL_HEADER, signPrincipalToken } from '@tenantry/auth';
import { testUserPrincipal } from '@tenantry/testing';
import { applyRules } from './apply-rules';
import { buildFederatedSchema } from './build-subgraph-schema';
import { PageInfo } from './connection';
import { IsNameText } from './name-text';
import { createSubgraphServer, SubgraphServer } from './subgraph-server';

const SECRET = 'client-mistakes-test-secret-of-32-characters';

@InputType()
class ProbeOwnerInput {
  @Field()
  @Length(1, 100)
  @IsNameText()
  firstName: string;
}

@InputType()
class ProbeInput {
  @Field()
  @Length(1, 120)
  @IsNameText()
  name: string;

  @Field(() => ProbeOwnerInput)
  @ValidateNested()
  owner: ProbeOwnerInput;
}

/** An entity, so the schema has `_entities` like every real subgraph. */
@ObjectType()
@Directive('@key(fields: "id")')
class ProbeThing {
  @Field(() => ID)
  id: string;
}

@Resolver()
class ProbeResolver {
  @Query(() => ProbeThing, { nullable: true })
  thing(): ProbeThing | null {
    return null;
  }

  @Query(() => String)
  open(): string {
    return 'open';
  }

  @Query(() => String, { nullable: true })
  signedInOnly(): string {
    return 'secret';
  }

  @Query(() => String, { nullable: true })
  nobody(): string {
    return 'never';
  }

  @Mutation(() => String)
  rename(@Arg('input') input: ProbeInput): string {
    return input.name;
  }
}

const SIGNED_IN = testUserPrincipal({ permissions: [] });

/** A subgraph like the real ones (same server, same error handling), with a schema small enough to read. */
describe('a subgraph answering client mistakes', () => {
  let server: SubgraphServer;
  let url: string;

  beforeAll(async () => {
    const schema = applyRules(
      await buildFederatedSchema({ resolvers: [ProbeResolver], orphanedTypes: [PageInfo] }, { ProbeThing: { __resolveReference: () => null } }),
      [{ Query: { open: allow, signedInOnly: isAuthenticated, thing: allow }, Mutation: { rename: allow }, ProbeThing: allow }],
      () => undefined,
    );
    server = await createSubgraphServer({ name: 'probe', schema, principalSecret: SECRET, createContext: (principal) => ({ principal }) });
    url = `http://127.0.0.1:${await server.listen(0)}/graphql`;
  });
  afterAll(() => server?.stop());

  /** Posts a raw body as the gateway would (signed principal); returns the status and the first error's code and message. */
  async function post(body: unknown, principal: Principal = ANONYMOUS) {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [PRINCIPAL_HEADER]: await signPrincipalToken(principal, 'probe', SECRET) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const json = (await response.json()) as { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    return { status: response.status, code: json.errors?.[0]?.extensions?.code, message: json.errors?.[0]?.message, body: json };
  }

  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

  it.each([
    ['an operationName that matches nothing', { query: 'query A { open }', operationName: 'B' }],
    ['several operations without operationName', { query: 'query A { open } query B { open }' }],
    ['a subscription', { query: 'subscription { open }' }],
    ['a persisted query (subgraphs take full queries only)', { extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ open }') } } }],
    ['variables of the wrong type', { query: 'query($n: String!) { rename(input: { name: $n, owner: { firstName: "F" } }) }', variables: { n: 5 } }],
    ['a batch', [{ query: '{ open }' }, { query: '{ open }' }]],
    ['malformed JSON', '{"query": '],
  ])('answers %s with 400 and BAD_USER_INPUT', async (_what, body) => {
    const answer = await post(body);
    expect({ status: answer.status, code: answer.code }).toEqual({ status: 400, code: 'BAD_USER_INPUT' });
  });

  it('tells which operation name is unknown', async () => {
    expect((await post({ query: 'query A { open }', operationName: 'B' })).message).toContain('"B"');
  });

  it('runs the operation that operationName picks', async () => {
    const answer = await post({ query: 'query A { open } query B { open }', operationName: 'B' });
    expect({ status: answer.status, data: answer.body.data }).toEqual({ status: 200, data: { open: 'open' } });
  });

  it('answers an anonymous caller of a protected field UNAUTHENTICATED, a signed-in one FORBIDDEN', async () => {
    expect((await post({ query: '{ signedInOnly }' })).code).toBe('UNAUTHENTICATED');
    expect((await post({ query: '{ nobody }' })).code).toBe('UNAUTHENTICATED');
    expect((await post({ query: '{ nobody }' }, SIGNED_IN)).code).toBe('FORBIDDEN');
    expect((await post({ query: '{ signedInOnly }' }, SIGNED_IN)).body.data).toEqual({ signedInOnly: 'secret' });
  });

  it('names the refused field of an input, nested ones by their path, without echoing the input', async () => {
    const answer = await post({
      query: 'mutation($input: ProbeInput!) { rename(input: $input) }',
      variables: { input: { name: 'Fine', owner: { firstName: 'Ev\u202Eil' } } },
    });
    // 200 between subgraph and gateway: the gateway reads any other status as the subgraph failing.
    expect({ status: answer.status, code: answer.code }).toEqual({ status: 200, code: 'BAD_USER_INPUT' });
    expect(answer.message).toContain('owner.firstName');
    expect(answer.message).toContain('bidirectional formatting characters');
    expect(answer.body.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['owner.firstName'] });
  });
});
