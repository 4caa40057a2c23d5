import type { AuditResult } from 'graphql-http';
import { serverAudits } from 'graphql-http';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';

/** graphql-http's GraphQL-over-HTTP audits, every answer's status recorded (none may be a 5xx). */
async function audit(url: string, headers: Record<string, string>): Promise<{ results: AuditResult[]; statuses: number[] }> {
  const statuses: number[] = [];
  const fetchFn = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const response = await fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init.headers).entries()), ...headers } });
    statuses.push(response.status);
    return response;
  };
  const results: AuditResult[] = [];
  for (const { fn } of serverAudits({ url, fetchFn })) results.push(await fn());
  return { results, statuses };
}

function failures(results: AuditResult[], requirement: 'MUST' | 'SHOULD'): string[] {
  return results.filter((result) => result.status !== 'ok' && result.name.startsWith(requirement)).map((result) => `${result.id} ${result.name}`);
}

describe('GraphQL over HTTP conformance (graphql-http serverAudits) of the gateway', () => {
  let demo: DemoGraph;

  beforeAll(async () => {
    demo = await startDemoGraph();
  });
  afterAll(async () => {
    await demo?.close();
  });

  it('fails no MUST audit and never answers 5xx, for a user who may read the schema (the audits query __type)', async () => {
    const token = await demo.login('demo.owner');
    const { results, statuses } = await audit(demo.stack.gatewayUrl, { authorization: `Bearer ${token}` });
    expect(results.length).toBeGreaterThan(50);
    expect(failures(results, 'MUST')).toEqual([]);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
  });

  it('answers an anonymous caller without a 5xx, failing only the MUST audits that introspect (__type is UNAUTHENTICATED)', async () => {
    const { results, statuses } = await audit(demo.stack.gatewayUrl, {});
    expect(statuses.filter((status) => status >= 500)).toEqual([]);
    for (const result of results.filter((each) => each.status !== 'ok' && each.name.startsWith('MUST'))) {
      expect(result.status !== 'ok' && result.response.status).toBe(401);
    }
  });
});
