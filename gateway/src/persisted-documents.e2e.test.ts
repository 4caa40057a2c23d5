import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { subgraphRegistry } from '@tenantry/config';
import type { HttpService } from '@tenantry/federation';
import { createGateway } from './gateway';
import { sha256Hex, trustedDocumentsOptions } from './persisted/trusted-documents';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';

const JSON_HEADERS = { 'content-type': 'application/json' };
/** A GET must show it is no simple cross-site request (Apollo's CSRF prevention), as Apollo Client's APQ link does. */
const GET_HEADERS = { 'apollo-require-preflight': 'true' };

function persisted(hash: string) {
  return { persistedQuery: { version: 1, sha256Hash: hash } };
}

async function postDocument(url: string, body: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const response = await fetch(url, { method: 'POST', headers: JSON_HEADERS, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

async function getByHash(url: string, hash: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}?extensions=${encodeURIComponent(JSON.stringify(persisted(hash)))}`, { headers: GET_HEADERS });
  return { status: response.status, body: await response.json() };
}

describe('persisted documents at the gateway', () => {
  let demo: DemoGraph;
  let folder: string;

  beforeAll(async () => {
    demo = await startDemoGraph();
    folder = mkdtempSync(join(tmpdir(), 'tenantry-trusted-'));
  });
  afterAll(async () => {
    await demo?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps automatic persisted queries: an unknown hash is PERSISTED_QUERY_NOT_FOUND until the text is sent once, over GET and POST', async () => {
    const query = `query ApqProbe { __typename organisations(first: 1) { totalCount } } # ${Date.now()}`;
    const hash = sha256Hex(query);
    expect((await postDocument(demo.stack.gatewayUrl, { extensions: persisted(hash) })).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await getByHash(demo.stack.gatewayUrl, hash)).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await postDocument(demo.stack.gatewayUrl, { query, extensions: persisted(hash) });
    expect(registered.body.data.__typename).toBe('Query');
    const byPost = await postDocument(demo.stack.gatewayUrl, { extensions: persisted(hash) });
    expect(byPost).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
    const byGet = await getByHash(demo.stack.gatewayUrl, hash);
    expect(byGet).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
  });

  it('refuses a manifest whose hash does not match its document, and TRUSTED_DOCUMENTS_ONLY without a manifest', () => {
    const file = join(folder, 'wrong.json');
    writeFileSync(file, JSON.stringify({ [sha256Hex('{ a }')]: '{ b }' }));
    expect(() => trustedDocumentsOptions(file, true)).toThrow(/not the sha256 of its document/);
    expect(() => trustedDocumentsOptions(undefined, true)).toThrow(/TRUSTED_DOCUMENTS_ONLY=true needs TRUSTED_DOCUMENTS_FILE/);
  });

  describe('with TRUSTED_DOCUMENTS_ONLY', () => {
    const trustedQuery = 'query TrustedProbe { __typename }';
    const otherQuery = 'query UntrustedProbe { __typename }';
    let gateway: HttpService;
    let url: string;

    beforeAll(async () => {
      const file = join(folder, 'manifest.json');
      writeFileSync(file, JSON.stringify({ [sha256Hex(trustedQuery)]: trustedQuery }));
      gateway = await createGateway({
        accessTokenSecret: demo.env.ACCESS_TOKEN_SECRET as string,
        principalSecret: demo.env.PRINCIPAL_SECRET as string,
        subgraphUrls: Object.fromEntries(subgraphRegistry().map(({ name }) => [name, `http://127.0.0.1:${demo.stack.ports[name]}/graphql`])),
        trustedDocuments: trustedDocumentsOptions(file, true),
      });
      url = `http://127.0.0.1:${await gateway.listen(0)}/graphql`;
    });
    afterAll(async () => {
      await gateway?.stop();
    });

    it("runs the manifest's documents by hash alone (GET and POST) and as text", async () => {
      const hash = sha256Hex(trustedQuery);
      expect(await postDocument(url, { extensions: persisted(hash) })).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
      expect(await getByHash(url, hash)).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
      expect(await postDocument(url, { query: trustedQuery })).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
    });

    it('refuses any other document with 400 PERSISTED_QUERY_NOT_ALLOWED, also after an APQ registration attempt', async () => {
      const refused = { status: 400, body: { errors: [{ extensions: { code: 'PERSISTED_QUERY_NOT_ALLOWED' } }] } };
      const hash = sha256Hex(otherQuery);
      expect(await postDocument(url, { query: otherQuery })).toMatchObject(refused);
      expect(await postDocument(url, { query: otherQuery, extensions: persisted(hash) })).toMatchObject(refused);
      expect(await postDocument(url, { extensions: persisted(hash) })).toMatchObject(refused);
      expect(await getByHash(url, hash)).toMatchObject(refused);
    });
  });
});
