import { ApolloServer } from '@apollo/server';
import type { HttpService } from '@tenantry/federation';
import { createGraphQLHttpServer } from '@tenantry/federation';
import { accountPageRoutes } from './routes';
import { ASSET_PATHS } from './render';

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; frame-ancestors 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

describe('account page routes on the GraphQL HTTP server', () => {
  let apollo: ApolloServer;
  let http: HttpService;
  let base: string;

  beforeAll(async () => {
    apollo = new ApolloServer({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } });
    await apollo.start();
    // Nobody is authenticated: the pages must still answer, since they are public.
    http = await createGraphQLHttpServer({ apollo, authenticate: async () => null, getRoutes: accountPageRoutes() });
    base = `http://127.0.0.1:${await http.listen(0)}`;
  });
  afterAll(async () => {
    await http.stop();
  });

  it.each(['/activate', '/reset-password', '/forgot-password', '/confirm-email'])(
    'serves %s as HTML with the security headers, before authentication',
    async (path) => {
      const response = await fetch(`${base}${path}?token=abc`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
      expect(await response.text()).toContain('<form id="account-form"');
    },
  );

  it('chooses the language from ?lang=, else Accept-Language', async () => {
    const byParameter = await (await fetch(`${base}/forgot-password?lang=nl`, { headers: { 'accept-language': 'de' } })).text();
    expect(byParameter).toContain('<label for="username-or-email">Gebruikersnaam of e-mailadres</label>');
    const byHeader = await (await fetch(`${base}/activate?token=x`, { headers: { 'accept-language': 'es-ES,es;q=0.9' } })).text();
    expect(byHeader).toContain('<button type="submit">Activar</button>');
  });

  it('never puts the token into the HTML', async () => {
    const html = await (await fetch(`${base}/activate?token=${encodeURIComponent('"><script>alert(1)</script>')}`)).text();
    expect(html).not.toContain('alert(1)');
  });

  it('serves the script and stylesheet from this origin with the same headers', async () => {
    const script = await fetch(`${base}${ASSET_PATHS.script}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    const source = await script.text();
    expect(source).toContain("fetch('/graphql'");
    expect(source).toContain('location.search');
    expect(source).not.toMatch(/https?:\/\//);
    const stylesheet = await fetch(`${base}${ASSET_PATHS.stylesheet}`);
    expect(stylesheet.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await stylesheet.text()).not.toMatch(/@import|url\(/);
  });

  it('answers HEAD without a body and refuses other methods with 405', async () => {
    const head = await fetch(`${base}/activate`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`${base}/activate`, { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await post.json()).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('still answers unknown paths 404', async () => {
    expect((await fetch(`${base}/activate/extra`)).status).toBe(404);
  });
});
