import { ApolloServer } from '@apollo/server';
import type { HttpService } from '@tenantry/federation';
import { createGraphQLHttpServer } from '@tenantry/federation';
import type { EmbedOrigins } from './embed-origin.client';
import { embedRoutes } from './embed.routes';

const PORTAL = 'https://portal.example.com';
const ORGANISATION = '0b6c2f4e-8f1d-4c49-9d54-4a5f0f3f2b11';

describe('the embed routes on the GraphQL HTTP server', () => {
  let apollo: ApolloServer;
  let http: HttpService;
  let base: string;
  const asked: [string, string][] = [];
  let unavailable = false;
  const origins: EmbedOrigins = {
    async isListedFor(origin, organisationId) {
      asked.push([origin, organisationId]);
      if (unavailable) throw new Error('organisations subgraph down');
      return origin === PORTAL && organisationId === ORGANISATION;
    },
    isListedAnywhere: async () => false,
  };

  beforeAll(async () => {
    apollo = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } });
    await apollo.start();
    http = await createGraphQLHttpServer({ apollo, authenticate: async () => null, getRoutes: embedRoutes(origins), log: { level: 'silent' } });
    base = `http://127.0.0.1:${await http.listen(0)}`;
  });
  afterAll(() => http.stop());
  beforeEach(() => {
    asked.length = 0;
    unavailable = false;
  });

  const login = (query: Record<string, string>, headers: Record<string, string> = {}) =>
    fetch(`${base}/embed/customer-login?${new URLSearchParams(query)}`, { headers });

  it('serves the login view framable by exactly the listed origin, with its labelled fields', async () => {
    const response = await login({ origin: PORTAL, organisation: ORGANISATION, lang: 'en' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(`default-src 'self'; frame-ancestors ${PORTAL}; form-action 'self'; base-uri 'none'`);
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    for (const label of ['Username', 'Password', 'Two-factor code']) expect(html).toMatch(new RegExp(`<label for="[a-z-]+">${label}</label>`));
    expect(html).toContain('<button type="submit">Sign in</button>');
    expect(html).toContain(`data-origin="${PORTAL}" data-organisation="${ORGANISATION}"`);
    expect(html).toContain('<script src="/embed/customer-login.js" defer></script>');
    expect(html).not.toMatch(/<script>|<style>|\sstyle="|\son[a-z]+="/);
  });

  it('asks with the origin in normal form and frames for that form only', async () => {
    const response = await login({ origin: 'HTTPS://Portal.Example.com:443/', organisation: ORGANISATION });
    expect(response.status).toBe(200);
    expect(asked).toEqual([[PORTAL, ORGANISATION]]);
    expect(response.headers.get('content-security-policy')).toContain(`frame-ancestors ${PORTAL};`);
  });

  it('refuses to be framed by an origin the organisation does not list, and says so', async () => {
    for (const query of [
      { origin: 'https://elsewhere.example.com', organisation: ORGANISATION },
      { origin: PORTAL, organisation: '5e0d4c1a-0000-4000-8000-000000000000' },
    ]) {
      const response = await login({ ...query, lang: 'en' });
      expect(response.status).toBe(403);
      expect(response.headers.get('content-security-policy')).toBe("default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
      const html = await response.text();
      expect(html).toContain('This sign-in cannot be shown here');
      expect(html).toContain(`The website ${query.origin} is not allowed to show this sign-in.`);
      expect(html).not.toContain('<form');
      expect(html).not.toContain('<script');
    }
  });

  it('answers a link without a usable origin or organisation 400 without asking, and escapes nothing it did not check', async () => {
    const links: Record<string, string>[] = [
      { organisation: ORGANISATION },
      { origin: '*', organisation: ORGANISATION },
      { origin: 'null', organisation: ORGANISATION },
      { origin: `${PORTAL}/"><script>alert(1)</script>`, organisation: ORGANISATION },
      { origin: PORTAL },
      { origin: PORTAL, organisation: '"><script>alert(1)</script>' },
    ];
    for (const query of links) {
      const response = await login(query);
      expect(response.status).toBe(400);
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      const html = await response.text();
      expect(html).toContain('This sign-in link is incomplete');
      expect(html).not.toContain('alert(1)');
    }
    expect(asked).toEqual([]);
  });

  it('answers 503, unframable, when the graph cannot say', async () => {
    unavailable = true;
    const response = await login({ origin: PORTAL, organisation: ORGANISATION });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(await response.text()).toContain('not available at the moment');
  });

  it.each([
    ['de', 'Benutzername', 'Anmelden'],
    ['fr', 'Nom d’utilisateur', 'Se connecter'],
    ['es', 'Nombre de usuario', 'Iniciar sesión'],
    ['nl', 'Gebruikersnaam', 'Aanmelden'],
  ])('speaks %s when asked', async (lang, username, button) => {
    const html = await (await login({ origin: PORTAL, organisation: ORGANISATION, lang })).text();
    expect(html).toContain(`<html lang="${lang}">`);
    expect(html).toContain(`<label for="username">${username}</label>`);
    expect(html).toContain(`<button type="submit">${button}</button>`);
  });

  it('serves the frame script to the gateway origin only, and tenantry.js to any page, both without other origins in them', async () => {
    const frameScript = await fetch(`${base}/embed/customer-login.js`);
    expect(frameScript.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(frameScript.headers.get('x-content-type-options')).toBe('nosniff');
    const frameSource = await frameScript.text();
    expect(frameSource).toContain("fetch('/graphql'");
    expect(frameSource).toContain('customerOf: $customerOf');
    // The session goes to the checked origin only.
    expect(frameSource).toMatch(
      /window\.parent\.postMessage\(\s*\{ type: 'tenantry:session', accessToken: session\.accessToken, refreshToken: session\.refreshToken, expiresAt: session\.expiresAt \},\s*origin,\s*\)/,
    );
    expect(frameSource).not.toMatch(/postMessage\([^)]*'\*'/);
    const portalScript = await fetch(`${base}/embed/tenantry.js`);
    expect(portalScript.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(portalScript.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    const portalSource = await portalScript.text();
    expect(portalSource).toContain('mountCustomerLogin');
    expect(portalSource).toContain('event.origin !== gatewayOrigin');
    for (const source of [frameSource, portalSource]) expect(source.replace(/^\/\/.*$/gm, '')).not.toMatch(/https?:\/\//);
  });
});
