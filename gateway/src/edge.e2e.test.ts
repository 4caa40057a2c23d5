import type { Server } from 'node:http';
import { createServer, request as forward } from 'node:http';
import { subgraphRegistry } from '@tenantry/config';
import type { HttpService } from '@tenantry/federation';
import { listen } from '@tenantry/federation';
import { postGraphQL } from '@tenantry/testing';
import { createGateway } from './gateway';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';

const ALLOWED_ORIGIN = 'https://app.example.com';

/** A proxy in front of a subgraph that records the x-request-id of every request it forwards. */
async function recordingProxy(target: number): Promise<{ url: string; ids: string[]; server: Server }> {
  const ids: string[] = [];
  const server = createServer((incoming, outgoing) => {
    ids.push(String(incoming.headers['x-request-id']));
    const upstream = forward({ host: '127.0.0.1', port: target, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    incoming.pipe(upstream);
  });
  return { url: `http://127.0.0.1:${await listen(server, 0)}/graphql`, ids, server };
}

describe('the gateway edge: request ids, CORS, health and metrics', () => {
  const savedOrigins = process.env.CORS_ORIGINS;
  let demo: DemoGraph;
  let base: string;

  beforeAll(async () => {
    process.env.CORS_ORIGINS = ALLOWED_ORIGIN;
    demo = await startDemoGraph();
    base = new URL(demo.stack.gatewayUrl).origin;
  });
  afterAll(async () => {
    if (savedOrigins === undefined) delete process.env.CORS_ORIGINS;
    else process.env.CORS_ORIGINS = savedOrigins;
    await demo?.close();
  });

  it('echoes the caller request id, and generates one otherwise', async () => {
    const quoted = await fetch(demo.stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'support-ticket-7' },
      body: '{"query":"{ __typename }"}',
    });
    expect(quoted.headers.get('x-request-id')).toBe('support-ticket-7');
    const generated = await fetch(demo.stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives an allowed origin the CORS headers and a cached preflight, and a refused origin none', async () => {
    const preflight = await fetch(demo.stack.gatewayUrl, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    expect(preflight.headers.get('access-control-max-age')).toBe('600');
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull();
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type, authorization, x-request-id, apollo-require-preflight');
    const allowed = await fetch(demo.stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ALLOWED_ORIGIN },
      body: '{"query":"{ __typename }"}',
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED_ORIGIN);
    const refused = await fetch(demo.stack.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
      body: '{"query":"{ __typename }"}',
    });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const refusedPreflight = await fetch(demo.stack.gatewayUrl, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(refusedPreflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('keeps Apollo CSRF prevention: a simple cross-site GET query is refused', async () => {
    const response = await fetch(`${demo.stack.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, { headers: { origin: ALLOWED_ORIGIN } });
    expect(response.status).toBe(400);
  });

  it('serves /metrics to loopback callers with non-zero request counters after a query', async () => {
    await postGraphQL(demo.stack.gatewayUrl, 'query EdgeProbe { __typename }', {});
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    const requests = /^tenantry_graphql_requests_total\{operation="EdgeProbe"\} (\d+)/m.exec(text);
    expect(Number(requests?.[1])).toBeGreaterThan(0);
    expect(text).toContain('tenantry_graphql_request_duration_seconds_bucket');
    expect(text).toContain('tenantry_subgraph_fetch_duration_seconds');
  });

  it('answers /healthz, and /readyz 200 until a subgraph stops answering, then 503 naming it', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect((await ready.json()).checks).toEqual(Object.fromEntries(subgraphRegistry().map(({ name }) => [name, 'ok'])));
    process.kill(demo.stack.pids.permissions, 'SIGSTOP');
    try {
      const unready = await fetch(`${base}/readyz`);
      expect(unready.status).toBe(503);
      expect(await unready.json()).toMatchObject({ ok: false, checks: { permissions: 'timed out', users: 'ok', organisations: 'ok' } });
    } finally {
      process.kill(demo.stack.pids.permissions, 'SIGCONT');
    }
  });

  it('quotes the request id in a masked error through the whole graph', async () => {
    const token = await demo.login('demo.owner');
    process.kill(demo.stack.pids.permissions, 'SIGSTOP');
    try {
      const response = await postGraphQL(
        demo.stack.gatewayUrl,
        '{ me { username role { name } } }',
        {},
        { authorization: `Bearer ${token}`, 'x-request-id': 'ticket-1234' },
      );
      expect(response.data?.me).toEqual({ username: 'demo.owner', role: null });
      expect(response.errors?.[0]).toMatchObject({
        message: 'Internal server error.',
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'ticket-1234' },
      });
    } finally {
      process.kill(demo.stack.pids.permissions, 'SIGCONT');
    }
  });

  describe('an in-process gateway in front of recording proxies', () => {
    let proxies: Awaited<ReturnType<typeof recordingProxy>>[];
    let gateway: HttpService;
    let url: string;

    beforeAll(async () => {
      const names = subgraphRegistry().map(({ name }) => name);
      proxies = await Promise.all(names.map((name) => recordingProxy(demo.stack.ports[name])));
      gateway = await createGateway({
        accessTokenSecret: demo.env.ACCESS_TOKEN_SECRET as string,
        principalSecret: demo.env.PRINCIPAL_SECRET as string,
        subgraphUrls: Object.fromEntries(names.map((name, index) => [name, proxies[index].url])),
      });
      url = `http://127.0.0.1:${await gateway.listen(0)}/graphql`;
    });
    afterAll(async () => {
      await gateway?.stop();
      await Promise.all((proxies ?? []).map((proxy) => new Promise((resolve) => proxy.server.close(resolve))));
    });

    it('forwards the request id to the principal lookup and every subgraph it asks', async () => {
      const token = await demo.login('demo.owner');
      const response = await postGraphQL(url, '{ me { username role { key } } }', {}, { authorization: `Bearer ${token}`, 'x-request-id': 'trace-me-through' });
      expect(response.data?.me.username).toBe('demo.owner');
      const asked = proxies.filter((proxy) => proxy.ids.includes('trace-me-through'));
      expect(asked.length).toBeGreaterThanOrEqual(2);
    });
  });
});
