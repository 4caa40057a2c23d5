import { DEMO_USERNAMES } from '@tenantry/stack';
import type { DemoGraph } from './testing/demo-graph';
import { DEMO_TEST_PASSWORD, startDemoGraph } from './testing/demo-graph';

const PORTAL = 'https://portal.example.com';
const SET_ORIGINS = `mutation($id: ID!, $origins: [String!]!) { updateOrganisation(id: $id, input: { embedOrigins: $origins }) { embedOrigins } }`;
const CUSTOMER_LOGIN = `mutation($username: String!, $password: String!, $customerOf: ID!) {
  login(username: $username, password: $password, customerOf: $customerOf) { accessToken refreshToken expiresAt }
}`;

describe('the embeddable customer login through the gateway', () => {
  let demo: DemoGraph;
  let base: string;
  let demoId: string;

  beforeAll(async () => {
    demo = await startDemoGraph();
    base = new URL(demo.stack.gatewayUrl).origin;
    demoId = await demo.organisationId('Demo');
    const owner = await demo.login(DEMO_USERNAMES.owner);
    const set = await demo.graph(SET_ORIGINS, { id: demoId, origins: [`${PORTAL}/`] }, owner);
    expect(set.data.updateOrganisation.embedOrigins).toEqual([PORTAL]);
  });
  afterAll(() => demo?.close());

  const page = (origin: string, organisation: string) => fetch(`${base}/embed/customer-login?${new URLSearchParams({ origin, organisation, lang: 'en' })}`);

  it('serves the login view framable by the listed origin of the managing organisation only', async () => {
    const listed = await page(PORTAL, demoId);
    expect(listed.status).toBe(200);
    expect(listed.headers.get('content-security-policy')).toContain(`frame-ancestors ${PORTAL};`);
    const unlisted = await page('https://elsewhere.example.com', demoId);
    expect(unlisted.status).toBe(403);
    expect(unlisted.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    // The same origin is listed by Demo, not by its customer.
    expect((await page(PORTAL, await demo.organisationId('Acme Customer'))).status).toBe(403);
  });

  it('signs in the customer administrator for Demo, and nobody of Demo itself', async () => {
    const admin = await demo.graph(CUSTOMER_LOGIN, { username: DEMO_USERNAMES.customerAdministrator, password: DEMO_TEST_PASSWORD, customerOf: demoId });
    expect(admin.data.login).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
    for (const username of [DEMO_USERNAMES.owner, DEMO_USERNAMES.operator]) {
      const refused = await demo.graph(CUSTOMER_LOGIN, { username, password: DEMO_TEST_PASSWORD, customerOf: demoId });
      expect(refused.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('lets the listed origin call /graphql cross-origin (preflight, me, refreshSession), nobody else, and nowhere else', async () => {
    const preflight = (origin: string, path = '/graphql') =>
      fetch(`${base}${path}`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, authorization' },
      });
    const allowed = await preflight(PORTAL);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    expect((await preflight('https://elsewhere.example.com')).headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(PORTAL, '/healthz')).headers.get('access-control-allow-origin')).toBeNull();

    const session = (await demo.graph(CUSTOMER_LOGIN, { username: DEMO_USERNAMES.customerAdministrator, password: DEMO_TEST_PASSWORD, customerOf: demoId }))
      .data.login;
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', origin: PORTAL, ...headers }, body: JSON.stringify(body) });
    const me = await post({ query: '{ me { username organisation { name } } }' }, { authorization: `Bearer ${session.accessToken}` });
    expect(me.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect((await me.json()).data.me).toEqual({ username: DEMO_USERNAMES.customerAdministrator, organisation: { name: 'Acme Customer' } });
    const refreshed = await post({
      query: 'mutation($token: String!) { refreshSession(refreshToken: $token) { accessToken } }',
      variables: { token: session.refreshToken },
    });
    expect(refreshed.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect((await refreshed.json()).data.refreshSession.accessToken).toEqual(expect.any(String));
  });

  it('stops framing for an origin as soon as the organisation removes it', async () => {
    const owner = await demo.login(DEMO_USERNAMES.owner);
    await demo.graph(SET_ORIGINS, { id: demoId, origins: ['https://other-portal.example.com'] }, owner);
    expect((await page(PORTAL, demoId)).status).toBe(403);
    expect((await page('https://other-portal.example.com', demoId)).status).toBe(200);
    await demo.graph(SET_ORIGINS, { id: demoId, origins: [PORTAL] }, owner);
  });
});
