import type { Server } from 'node:http';
import { createServer } from 'node:http';
import { listen } from '@tenantry/federation';
import { subgraphFetch } from './subgraph-fetch';

describe('subgraphFetch', () => {
  let server: Server;
  let url: string;
  const sockets = new Set<unknown>();

  beforeAll(async () => {
    server = createServer((request, response) => {
      sockets.add(request.socket);
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (request.url === '/stall') {
          // Headers and half an answer, then nothing: a subgraph stuck mid-answer.
          response.writeHead(200, { 'content-type': 'application/json' });
          response.write('{"data":');
          return;
        }
        response.writeHead(request.url === '/missing' ? 404 : 200, { 'content-type': 'application/json', 'cache-control': 'private' });
        response.end(JSON.stringify({ method: request.method, principal: request.headers['x-tenantry-principal'], body }));
      });
    });
    url = `http://127.0.0.1:${await listen(server, 0)}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the method, headers and body and reads status, headers and the whole body', async () => {
    const response = await subgraphFetch(`${url}/graphql`, { method: 'POST', headers: { 'x-tenantry-principal': 'signed' }, body: '{"query":"{ a }"}' });
    expect(response).toMatchObject({ ok: true, status: 200, statusText: 'OK', url: `${url}/graphql` });
    expect(response.headers.get('Content-Type')).toBe('application/json');
    expect(response.headers.get('cache-control')).toBe('private');
    expect(await response.json()).toEqual({ method: 'POST', principal: 'signed', body: '{"query":"{ a }"}' });
    expect(JSON.parse(await response.clone().text())).toMatchObject({ method: 'POST' });
  });

  it('answers an HTTP error as a response that is not ok', async () => {
    const response = await subgraphFetch(`${url}/missing`, { method: 'POST', body: '{}' });
    expect(response).toMatchObject({ ok: false, status: 404, statusText: 'Not Found' });
  });

  it('keeps connections for the next calls', async () => {
    sockets.clear();
    for (let call = 0; call < 10; call++) await subgraphFetch(`${url}/graphql`, { method: 'POST', body: '{}' });
    // One, or two when a call starts while the last one's connection is being handed back.
    expect(sockets.size).toBeLessThanOrEqual(2);
  });

  it('gives up with the signal’s reason when the subgraph stalls in the middle of its answer', async () => {
    const failure = await subgraphFetch(`${url}/stall`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(200) }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'TimeoutError' });
  });
});
