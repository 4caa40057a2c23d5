import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PRINCIPAL_HEADER, verifyPrincipalToken } from '@tenantry/auth';
import { internalAudience } from '@tenantry/federation';
import { EMBED_CORS_CACHE_MS, EmbedOriginClient } from './embed-origin.client';

const SECRET = 'embed-client-test-secret-of-32-characters';

describe('EmbedOriginClient', () => {
  const questions: unknown[] = [];
  let listedOrigins = new Set(['https://portal.example.com']);
  let failing = false;
  let now = 0;
  let client: EmbedOriginClient;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', async () => {
      const header = request.headers[PRINCIPAL_HEADER];
      const signed = await verifyPrincipalToken(typeof header === 'string' ? header : undefined, internalAudience('organisations'), SECRET);
      if (!signed || request.url !== '/internal/embed-origin' || failing) {
        response.writeHead(failing ? 500 : 401).end();
        return;
      }
      const question = JSON.parse(body) as { origin: string; organisationId?: string };
      questions.push(question);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ listed: listedOrigins.has(question.origin) }));
    });
  });

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    client = new EmbedOriginClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, SECRET, () => now);
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    questions.length = 0;
    listedOrigins = new Set(['https://portal.example.com']);
    failing = false;
    now += 10 * EMBED_CORS_CACHE_MS;
  });

  it('asks the organisations subgraph, signed for its internal routes, about one organisation every time', async () => {
    await expect(client.isListedFor('https://portal.example.com', 'org-1')).resolves.toBe(true);
    await expect(client.isListedFor('https://portal.example.com', 'org-1')).resolves.toBe(true);
    expect(questions).toEqual([
      { origin: 'https://portal.example.com', organisationId: 'org-1' },
      { origin: 'https://portal.example.com', organisationId: 'org-1' },
    ]);
  });

  it('remembers the CORS answer briefly, asking once for parallel requests, then asks again', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => client.isListedAnywhere('https://portal.example.com')));
    expect(answers).toEqual(Array(5).fill(true));
    expect(questions).toEqual([{ origin: 'https://portal.example.com' }]);
    listedOrigins.clear();
    now += EMBED_CORS_CACHE_MS - 1;
    await expect(client.isListedAnywhere('https://portal.example.com')).resolves.toBe(true);
    now += 1;
    await expect(client.isListedAnywhere('https://portal.example.com')).resolves.toBe(false);
    expect(questions).toHaveLength(2);
  });

  it('answers a failed CORS check "not listed" without remembering it, and never asks about a malformed origin', async () => {
    failing = true;
    await expect(client.isListedAnywhere('https://portal.example.com')).resolves.toBe(false);
    failing = false;
    await expect(client.isListedAnywhere('https://portal.example.com')).resolves.toBe(true);
    for (const origin of ['null', 'https://portal.example.com/', 'HTTPS://portal.example.com'])
      await expect(client.isListedAnywhere(origin)).resolves.toBe(false);
    expect(questions).toEqual([{ origin: 'https://portal.example.com' }]);
    failing = true;
    await expect(client.isListedFor('https://portal.example.com', 'org-1')).rejects.toThrow('HTTP 500');
  });
});
