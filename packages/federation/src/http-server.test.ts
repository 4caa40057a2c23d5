import { request as httpRequest } from 'node:http';
import { Writable } from 'node:stream';
import { ApolloServer } from '@apollo/server';
import { formatPublicError } from './format-error';
import type { HttpService } from './http-server';
import { createGraphQLHttpServer } from './http-server';
import { requestScopePlugin } from './request-scope';

/** A test reads answers loosely: the assertions say what they must hold. */
const json = (response: Response): Promise<any> => response.json();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every JSON line the server's logger writes. */
class CapturedLog extends Writable {
  readonly lines: Record<string, any>[] = [];
  _write(chunk: Buffer, _encoding: string, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.lines.push(JSON.parse(line));
    done();
  }
}

describe('the GraphQL HTTP server (Fastify)', () => {
  const log = new CapturedLog();
  let server: HttpService;
  let url: string;
  const post = (query: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });

  beforeAll(async () => {
    const apollo = new ApolloServer({
      typeDefs: 'type Query { ok: Boolean, broken: Boolean }',
      resolvers: {
        Query: {
          ok: () => true,
          broken: () => {
            throw new Error('the database went away');
          },
        },
      },
      formatError: formatPublicError,
      // As the subgraphs and the gateway are built: it tells formatPublicError which request an error belongs to.
      plugins: [requestScopePlugin()],
      includeStacktraceInErrorResponses: false,
    });
    await apollo.start();
    server = await createGraphQLHttpServer({ apollo, authenticate: async () => ({}), log: { level: 'info', stream: log } });
    url = `http://127.0.0.1:${await server.listen(0)}/graphql`;
  });
  afterAll(() => server.stop());

  it('echoes a sane x-request-id and logs one access line with it: method, URL, status and time', async () => {
    const response = await post('{ ok }', { 'x-request-id': 'client-id-42' });
    expect(response.headers.get('x-request-id')).toBe('client-id-42');
    expect((await json(response)).data).toEqual({ ok: true });
    const lines = log.lines.filter((line) => line.requestId === 'client-id-42');
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        req: expect.objectContaining({ method: 'POST', url: '/graphql' }),
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
    ]);
  });

  it.each([
    ['no header', undefined],
    ['a header over 128 characters', 'x'.repeat(129)],
    ['a header with spaces', 'two words'],
    ['a header with a tab', 'a\tb'],
  ])('generates a UUID for %s', async (_what, header) => {
    const response = await post('{ ok }', header === undefined ? {} : { 'x-request-id': header });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    expect(log.lines.some((line) => line.requestId === id)).toBe(true);
  });

  it('puts the request id into a masked error and logs the error with its stack under that id', async () => {
    const response = await post('{ broken }', { 'x-request-id': 'quote-me' });
    const body = await json(response);
    expect(body.errors[0]).toMatchObject({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'quote-me' } });
    expect(JSON.stringify(body)).not.toContain('database went away');
    const logged = log.lines.find((line) => line.requestId === 'quote-me' && line.msg === 'masked error');
    expect(logged?.err).toMatchObject({ message: 'the database went away' });
    expect(logged?.err.stack).toContain('http-server.test.ts');
  });

  it('answers an unparsable body 400 and an oversized one 413, as GraphQL errors with the request id header', async () => {
    const invalid = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{nope' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('x-request-id')).toMatch(UUID);
    expect((await json(invalid)).errors[0]).toMatchObject({ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_USER_INPUT' } });
    const huge = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'x'.repeat(1_100_000) }) });
    expect(huge.status).toBe(413);
    expect((await json(huge)).errors[0]).toMatchObject({ message: 'Request body too large.', extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(new URL('/healthz', url))).status).toBe(200);
    expect(await json(await fetch(new URL('/readyz', url)))).toEqual({ ok: true, checks: {} });
  });
});

describe('a request its server refuses to authenticate', () => {
  let server: HttpService;
  let port: number;

  beforeAll(async () => {
    const apollo = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } });
    await apollo.start();
    server = await createGraphQLHttpServer({ apollo, authenticate: async () => null, log: { level: 'silent' } });
    port = await server.listen(0);
  });
  afterAll(() => server.stop());

  it('gets 401 before its body is read: a body announced but never sent does not hold the answer', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest({
        host: '127.0.0.1',
        port,
        path: '/graphql',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': 5_000_000 },
      });
      request.on('response', (response) => {
        resolve(response.statusCode ?? 0);
        request.destroy();
      });
      request.on('error', reject);
      request.write('{"query":');
    });
    expect(status).toBe(401);
  });

  it('gets 401, not 413, for a body over the limit', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'x'.repeat(2_000_000) }),
    });
    expect(response.status).toBe(401);
    expect((await json(response)).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });
});
