import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';

/**
 * graphql-cop's twelve checks (github.com/dolevf/graphql-cop, lib/tests), written again as plain
 * HTTP requests so they run in CI without Python. Each returns true when the gateway shows the
 * weakness the check looks for, judged exactly as graphql-cop judges the answer.
 */
type Check = (url: string, headers: Record<string, string>) => Promise<boolean>;

async function json(response: Response): Promise<any> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** graphql-cop's `graph_query`: a JSON POST with `operationName: "cop"`, or ten copies of it in an array. */
async function postCop(url: string, headers: Record<string, string>, query: string, batch = false): Promise<any> {
  const body = batch ? Array.from({ length: 10 }, () => ({ query })) : { query, operationName: 'cop' };
  return json(await fetch(url, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) }));
}

const COP_CHECKS: Record<string, Check> = {
  'Alias Overloading': async (url, headers) => {
    const aliases = Array.from({ length: 101 }, (_, i) => `alias${i}:__typename`).join('\n');
    return Boolean((await postCop(url, headers, `query cop { ${aliases} }`))?.data?.alias100);
  },
  'Array-based Query Batching': async (url, headers) => {
    const answer = await postCop(url, headers, 'query cop { __typename }', true);
    return Array.isArray(answer) && answer.length >= 10;
  },
  'Directive Overloading': async (url, headers) =>
    (await postCop(url, headers, 'query cop { __typename @aa@aa@aa@aa@aa@aa@aa@aa@aa@aa }'))?.errors?.length === 10,
  'Field Suggestions': async (url, headers) =>
    String((await postCop(url, headers, 'query cop { __schema { directive } }'))?.errors?.[0]?.message).includes('Did you mean'),
  'GET Method Query Support': async (url, headers) =>
    Boolean((await json(await fetch(`${url}?query=${encodeURIComponent('query cop {__typename}')}`, { headers })))?.data?.__typename),
  'GraphQL IDE': async (url, headers) => {
    const text = await (await fetch(url, { headers: { ...headers, accept: 'text/html' } })).text();
    return ['graphiql.min.css', 'GraphQL Playground', 'GraphiQL', 'graphql-playground'].some((word) => text.includes(word));
  },
  Introspection: async (url, headers) =>
    Boolean((await postCop(url, headers, 'query cop { __schema { types { name fields { name } } } }'))?.data?.__schema?.types),
  'Introspection-based Circular Query': async (url, headers) => {
    const query = 'query cop { __schema { types { fields { type { fields { type { fields { type { fields { type { name } } } } } } } } } } }';
    return ((await postCop(url, headers, query))?.data?.__schema?.types?.length ?? 0) > 25;
  },
  'Mutation is allowed over GET (possible CSRF)': async (url, headers) =>
    Boolean((await json(await fetch(`${url}?query=${encodeURIComponent('mutation cop {__typename}')}`, { headers })))?.data?.__typename),
  'POST based url-encoded query (possible CSRF)': async (url, headers) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ query: 'query cop { __typename }' }).toString(),
    });
    return Boolean((await json(response))?.data?.__typename);
  },
  'Trace Mode': async (url, headers) => {
    const answer = await postCop(url, headers, 'query cop { __typename }');
    return Boolean(answer?.errors?.[0]?.extensions?.tracing) || JSON.stringify(answer ?? {}).includes('"tracing"');
  },
  'Unhandled Errors Detection': async (url, headers) => {
    const answer = await postCop(url, headers, 'qwerty cop { abc }');
    return Boolean(answer?.errors?.[0]?.extensions?.exception) || JSON.stringify(answer ?? {}).includes('"exception"');
  },
};

/** The checks graphql-cop reports as findings for these headers (graphql-cop sends its own User-Agent). */
async function findings(url: string, headers: Record<string, string> = {}): Promise<string[]> {
  const found: string[] = [];
  for (const [title, check] of Object.entries(COP_CHECKS)) if (await check(url, { 'user-agent': 'graphql-cop/1.14', ...headers })) found.push(title);
  return found;
}

describe('graphql-cop checks against the gateway', () => {
  let demo: DemoGraph;

  beforeAll(async () => {
    demo = await startDemoGraph();
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('has twelve checks, as graphql-cop runs them', () => {
    expect(Object.keys(COP_CHECKS)).toHaveLength(12);
  });

  it('finds nothing for an anonymous caller', async () => {
    expect(await findings(demo.stack.gatewayUrl)).toEqual([]);
  });

  it('finds nothing for a signed-in user without schema.read', async () => {
    const token = await demo.login('demo.operator');
    expect(await findings(demo.stack.gatewayUrl, { authorization: `Bearer ${token}` })).toEqual([]);
  });

  it('shows a schema.read holder (the owner) only the schema it may read: introspection and suggestions', async () => {
    const token = await demo.login('demo.owner');
    expect(await findings(demo.stack.gatewayUrl, { authorization: `Bearer ${token}` })).toEqual(['Field Suggestions', 'Introspection']);
  });

  it('refuses a directive repeated on one selection with one QUERY_TOO_COMPLEX error', async () => {
    const response = await fetch(demo.stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename @skip(if: false) @skip(if: false) @skip(if: false) }' }),
    });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual([
      expect.objectContaining({ extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'directiveRepeats', value: 3, maximum: 1 } }),
    ]);
  });
});
