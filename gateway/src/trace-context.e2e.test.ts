import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer, request as forward } from 'node:http';
import { PassThrough } from 'node:stream';
import { subgraphRegistry } from '@tenantry/config';
import type { HttpService } from '@tenantry/federation';
import { listen } from '@tenantry/federation';
import { postGraphQL } from '@tenantry/testing';
import { createGateway } from './gateway';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';

const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_TRACEPARENT = `00-${CALLER_TRACE}-00f067aa0ba902b7-01`;

interface Recorded {
  path: string;
  headers: IncomingHttpHeaders;
}

/** A proxy in front of a subgraph that records the headers of every request it forwards. */
async function recordingProxy(target: number): Promise<{ url: string; seen: Recorded[]; server: Server }> {
  const seen: Recorded[] = [];
  const server = createServer((incoming, outgoing) => {
    seen.push({ path: incoming.url ?? '', headers: incoming.headers });
    const upstream = forward({ host: '127.0.0.1', port: target, path: incoming.url, method: incoming.method, headers: incoming.headers }, (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    });
    incoming.pipe(upstream);
  });
  return { url: `http://127.0.0.1:${await listen(server, 0)}/graphql`, seen, server };
}

describe('W3C trace context through the gateway', () => {
  let demo: DemoGraph;
  let proxies: Awaited<ReturnType<typeof recordingProxy>>[];
  let gateway: HttpService;
  let url: string;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    demo = await startDemoGraph();
    const names = subgraphRegistry().map(({ name }) => name);
    proxies = await Promise.all(names.map((name) => recordingProxy(demo.stack.ports[name])));
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) logLines.push(JSON.parse(line));
    });
    gateway = await createGateway({
      accessTokenSecret: demo.env.ACCESS_TOKEN_SECRET as string,
      principalSecret: demo.env.PRINCIPAL_SECRET as string,
      subgraphUrls: Object.fromEntries(names.map((name, index) => [name, proxies[index].url])),
      log: { level: 'info', stream },
    });
    url = `http://127.0.0.1:${await gateway.listen(0)}/graphql`;
  });
  afterAll(async () => {
    await gateway?.stop();
    await Promise.all((proxies ?? []).map((proxy) => new Promise((resolve) => proxy.server.close(resolve))));
    await demo?.close();
  });

  function sentFor(requestId: string): Recorded[] {
    return proxies.flatMap((proxy) => proxy.seen).filter((recorded) => recorded.headers['x-request-id'] === requestId);
  }

  it("carries the caller's trace id and tracestate to the principal lookup and every subgraph fetch, a fresh span id on each", async () => {
    const token = await demo.login('demo.owner');
    const response = await postGraphQL(
      url,
      '{ me { username role { key } organisation { name } } }',
      {},
      { authorization: `Bearer ${token}`, 'x-request-id': 'traced-1', traceparent: CALLER_TRACEPARENT, tracestate: 'vendor=opaque' },
    );
    expect(response.data?.me.username).toBe('demo.owner');
    const sent = sentFor('traced-1');
    expect(sent.some((recorded) => recorded.path === '/internal/principal')).toBe(true);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    const spans = new Set<string>();
    for (const { headers } of sent) {
      const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/.exec(String(headers.traceparent));
      expect(match?.[1]).toBe(CALLER_TRACE);
      expect(match?.[2]).not.toBe('00f067aa0ba902b7');
      spans.add(match?.[2] ?? '');
      expect(headers.tracestate).toBe('vendor=opaque');
    }
    expect(spans.size).toBe(sent.length);
    expect(logLines.filter((line) => line.requestId === 'traced-1').every((line) => line.traceId === CALLER_TRACE)).toBe(true);
    expect(logLines.some((line) => line.requestId === 'traced-1')).toBe(true);
  });

  it('starts a new trace when the traceparent is missing or invalid, and drops the tracestate of an invalid one', async () => {
    for (const [requestId, headers] of [
      ['untraced', {}],
      ['bad-trace', { traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, tracestate: 'vendor=opaque' }],
    ] as const) {
      const token = await demo.login('demo.owner');
      await postGraphQL(url, '{ me { username role { key } } }', {}, { authorization: `Bearer ${token}`, 'x-request-id': requestId, ...headers });
      const sent = sentFor(requestId);
      expect(sent.length).toBeGreaterThanOrEqual(2);
      const traceIds = new Set(sent.map(({ headers: seen }) => /^00-([0-9a-f]{32})-[0-9a-f]{16}-00$/.exec(String(seen.traceparent))?.[1]));
      expect(traceIds.size).toBe(1);
      const [traceId] = traceIds;
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(traceId).not.toMatch(/^0+$/);
      expect(sent.every(({ headers: seen }) => seen.tracestate === undefined)).toBe(true);
      expect(logLines.find((line) => line.requestId === requestId)?.traceId).toBe(traceId);
    }
  });
});
