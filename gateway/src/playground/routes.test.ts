import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { HttpService } from '@tenantry/federation';
import { createGraphQLHttpServer } from '@tenantry/federation';
import { playgroundRoutes } from './routes';

/** What Chromium sends when someone types the address. */
const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8';

describe('the playground routes on the GraphQL HTTP server (needs `npm run build`: they serve the built bundle)', () => {
  let apollo: ApolloServer;
  let http: HttpService;
  let base: string;

  beforeAll(async () => {
    apollo = new ApolloServer({
      typeDefs: 'type Query { ok: Boolean }',
      resolvers: { Query: { ok: () => true } },
      plugins: [ApolloServerPluginLandingPageDisabled()],
    });
    await apollo.start();
    const { getRoutes, browserRoutes } = playgroundRoutes();
    // Nobody is authenticated: the playground must still load, since signing in happens inside it.
    http = await createGraphQLHttpServer({ apollo, authenticate: async () => ({}), getRoutes, browserRoutes, log: { level: 'silent' } });
    base = `http://127.0.0.1:${await http.listen(0)}`;
  });
  afterAll(async () => {
    await http.stop();
  });

  async function page(path: string, accept = BROWSER_ACCEPT) {
    const response = await fetch(`${base}${path}`, { headers: { accept } });
    return { response, html: await response.text() };
  }

  it.each(['/graphql', '/playground'])('serves the page at %s to a browser, with a fresh style nonce under a self-only policy', async (path) => {
    const first = await page(path);
    expect(first.response.status).toBe(200);
    expect(first.response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(first.response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.response.headers.get('referrer-policy')).toBe('no-referrer');
    const policy = first.response.headers.get('content-security-policy') ?? '';
    const nonce = /^default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; style-src 'self' 'nonce-([A-Za-z0-9+/]{24})'$/.exec(
      policy,
    )?.[1];
    expect(nonce).toBeDefined();
    expect(first.html).toContain(`<meta name="csp-nonce" content="${nonce}">`);
    const second = await page(path);
    expect(second.response.headers.get('content-security-policy')).not.toBe(policy);
  });

  it('leaves /graphql to GraphQL clients: JSON or any type asked for, or a POST', async () => {
    const get = await fetch(`${base}/graphql?query=%7Bok%7D`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true' } });
    expect(await get.json()).toEqual({ data: { ok: true } });
    const anyType = await fetch(`${base}/graphql?query=%7Bok%7D`, { headers: { accept: '*/*', 'apollo-require-preflight': 'true' } });
    expect(await anyType.json()).toEqual({ data: { ok: true } });
    const post = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: { accept: BROWSER_ACCEPT, 'content-type': 'application/json' },
      body: '{"query":"{ ok }"}',
    });
    expect(await post.json()).toEqual({ data: { ok: true } });
    const jsonPreferred = await page('/graphql?query=%7Bok%7D', 'application/json, text/html;q=0.5');
    expect(jsonPreferred.response.headers.get('content-type')).not.toContain('text/html');
  });

  it('serves every asset the page and its stylesheet name, from this origin only, cached for good', async () => {
    const { html } = await page('/playground');
    const [script, stylesheet] = [/<script src="([^"]+)"/.exec(html)?.[1], /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1]];
    expect(script).toMatch(/^\/playground\/assets\/playground-\w+\.js$/);
    expect(stylesheet).toMatch(/^\/playground\/assets\/playground-\w+\.css$/);
    const css = await (await fetch(`${base}${stylesheet}`)).text();
    expect(css).not.toMatch(/@import|url\((?!\/playground\/assets\/)/);
    const referenced = [script, stylesheet, ...[...css.matchAll(/url\((\/playground\/assets\/[^)]+)\)/g)].map((match) => match[1])];
    expect(referenced.length).toBeGreaterThan(10);
    for (const path of new Set(referenced)) {
      const response = await fetch(`${base}${path}`);
      expect([path, response.status]).toEqual([path, 200]);
      expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('content-type')).toMatch(/^(text\/javascript|text\/css|font\/woff2?|image\/png)/);
    }
  });
});
