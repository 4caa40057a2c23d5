import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { withTransaction } from '@tenantry/database';
import { listen } from '@tenantry/federation';
import { createUserWithRole } from '@tenantry/provisioning';
import { DEMO_USERNAMES } from '@tenantry/stack';
import type { DemoGraph } from './testing/demo-graph';
import { DEMO_TEST_PASSWORD, startDemoGraph } from './testing/demo-graph';
import { activationTokenIn, mailsTo } from './testing/mailbox';

/** Debian's Chromium, as in playground.browser.test.ts: skipped without it, except under CI. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CI) throw new Error(`CI runs the browser tests: no Chromium at ${CHROMIUM} (.ci/run installs Debian's chromium).`);
if (!haveChromium) console.warn(`Browser tests SKIPPED: no Chromium at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
const describeInBrowser = haveChromium ? describe : describe.skip;

/** UPDATE_SCREENSHOTS=1 writes the README's screenshots (docs/screenshots); otherwise they go to a scratch folder. */
const SCREENSHOTS =
  process.env.UPDATE_SCREENSHOTS === '1' ? join(__dirname, '..', '..', 'docs', 'screenshots') : mkdtempSync(join(tmpdir(), 'tenantry-shots-'));
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 740 };
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update'];

/** What a partner portal's page looks like: it includes tenantry.js from the gateway and mounts the login. */
function portalPage(gateway: string, organisationId: string): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Partner portal</title>
    <style>body { font-family: sans-serif; margin: 0; background: #e8eef6; } header { background: #123a6b; color: #fff; padding: 1rem; } #login { max-width: 32rem; margin: 1rem auto; background: #fff; }</style>
    <script src="${gateway}/embed/tenantry.js"></script>
  </head>
  <body>
    <header>Partner portal</header>
    <div id="login"></div>
    <pre id="result"></pre>
    <script>
      window.portal = { messages: [], session: null, me: null, refreshed: null };
      window.addEventListener('message', function (event) { window.portal.messages.push({ origin: event.origin, data: event.data }); });
      Tenantry.mountCustomerLogin(document.getElementById('login'), { organisation: ${JSON.stringify(organisationId)}, lang: 'en' }).then(function (session) {
        window.portal.session = session;
        function graph(body, token) {
          var headers = { 'content-type': 'application/json' };
          if (token) headers.authorization = 'Bearer ' + token;
          return fetch(Tenantry.graphqlUrl, { method: 'POST', headers: headers, body: JSON.stringify(body) }).then(function (r) { return r.json(); });
        }
        return graph({ query: '{ me { username organisation { name } } }' }, session.accessToken).then(function (me) {
          window.portal.me = me;
          document.getElementById('result').textContent = JSON.stringify(me.data);
          return graph({ query: 'mutation($t: String!) { refreshSession(refreshToken: $t) { accessToken } }', variables: { t: session.refreshToken } });
        }).then(function (refreshed) { window.portal.refreshed = refreshed; });
      });
    </script>
  </body>
</html>
`;
}

interface PortalState {
  messages: { origin: string; data: { type?: string } }[];
  session: { accessToken: string; refreshToken: string; expiresAt: string } | null;
  me: { data?: { me: { username: string; organisation: { name: string } } } } | null;
  refreshed: { data?: { refreshSession: { accessToken: string } } } | null;
}

describeInBrowser('the embedded customer login and the activation page in a real browser (Chromium), on the running graph', () => {
  let demo: DemoGraph;
  let browser: Browser;
  let gateway: string;
  let listedPortal: { server: Server; origin: string };
  let unlistedPortal: { server: Server; origin: string };

  async function startPortal(organisationId: string): Promise<{ server: Server; origin: string }> {
    const server = createServer((_request, response) =>
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(portalPage(gateway, organisationId)),
    );
    return { server, origin: `http://127.0.0.1:${await listen(server, 0)}` };
  }

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [demo, browser] = await Promise.all([startDemoGraph(), chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })]);
    gateway = new URL(demo.stack.gatewayUrl).origin;
    const demoId = await demo.organisationId('Demo');
    [listedPortal, unlistedPortal] = await Promise.all([startPortal(demoId), startPortal(demoId)]);
    const owner = await demo.login(DEMO_USERNAMES.owner);
    const set = await demo.graph(
      'mutation($id: ID!, $origins: [String!]!) { updateOrganisation(id: $id, input: { embedOrigins: $origins }) { embedOrigins } }',
      { id: demoId, origins: [listedPortal.origin] },
      owner,
    );
    expect(set.data.updateOrganisation.embedOrigins).toEqual([listedPortal.origin]);
  });
  afterAll(async () => {
    await browser?.close();
    for (const portal of [listedPortal, unlistedPortal]) if (portal) await new Promise((resolve) => portal.server.close(resolve));
    await demo?.close();
  });

  const state = (page: Page) => page.evaluate(() => (window as unknown as { portal: PortalState }).portal);

  async function signInThroughFrame(page: Page, username: string): Promise<void> {
    const frame = page.frameLocator('#login iframe');
    await frame.getByLabel('Username').fill(username);
    await frame.getByLabel('Password').fill(DEMO_TEST_PASSWORD);
    await frame.getByRole('button', { name: 'Sign in' }).click();
  }

  it('a listed portal embeds the login; an operator of the managing organisation is refused, the customer administrator signs in and the portal reads me with the session', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const passwords: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).origin === listedPortal.origin && request.postData()?.includes(DEMO_TEST_PASSWORD)) passwords.push(request.url());
    });
    await page.goto(listedPortal.origin);
    const frame = page.frameLocator('#login iframe');
    await frame.getByLabel('Two-factor code').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'embed-customer-login-desktop.png') });

    // demo.owner belongs to Demo itself, the managing organisation: the embed admits only its customers.
    await signInThroughFrame(page, DEMO_USERNAMES.owner);
    await frame.getByText('The username or password is not right.').waitFor();
    const operator = await withTransaction(demo.db.dataSource, async (manager) =>
      createUserWithRole(manager, {
        organisationId: await demo.organisationId('Demo'),
        username: 'demo.embed.operator',
        roleKey: 'OPERATOR',
        password: DEMO_TEST_PASSWORD,
      }),
    );
    await signInThroughFrame(page, operator.username);
    await frame.getByText('The username or password is not right.').waitFor();
    expect((await state(page)).session).toBeNull();

    await signInThroughFrame(page, DEMO_USERNAMES.customerAdministrator);
    await frame.getByText('You are signed in.').waitFor();
    await page.waitForFunction(() => (window as unknown as { portal: PortalState }).portal.refreshed !== null);
    const portal = await state(page);
    expect(portal.session).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresAt: expect.any(String) });
    expect(portal.me?.data?.me).toEqual({ username: DEMO_USERNAMES.customerAdministrator, organisation: { name: 'Acme Customer' } });
    expect(portal.refreshed?.data?.refreshSession.accessToken).toEqual(expect.any(String));
    // Only the gateway's frame spoke to the portal, and no password went to the portal's origin.
    expect(new Set(portal.messages.map((message) => message.origin))).toEqual(new Set([gateway]));
    expect(passwords).toEqual([]);
    await context.close();
  });

  it('a portal on an origin that is not listed cannot frame the login and receives nothing', async () => {
    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    const logs: string[] = [];
    page.on('console', (message) => logs.push(message.text()));
    const framed = page.waitForResponse((response) => response.url().startsWith(`${gateway}/embed/customer-login`));
    await page.goto(unlistedPortal.origin);
    const response = await framed;
    expect(response.status()).toBe(403);
    expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await page.waitForTimeout(1000);
    // Chromium refused the frame: it shows nothing of the gateway's page.
    const frame = page.frames().find((candidate) => candidate !== page.mainFrame());
    expect(await frame?.evaluate(() => document.body?.innerText ?? '').catch(() => '')).not.toContain('Sign in');
    expect(logs.some((line) => line.includes('frame-ancestors'))).toBe(true);
    expect(await page.frameLocator('#login iframe').getByLabel('Username').count()).toBe(0);
    expect((await state(page)).messages).toEqual([]);
    expect((await state(page)).session).toBeNull();
    await context.close();
  });

  it('fits a phone (375 px)', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(listedPortal.origin);
    const frame = page.frameLocator('#login iframe');
    await frame.getByRole('button', { name: 'Sign in' }).waitFor();
    const button = await frame.getByRole('button', { name: 'Sign in' }).boundingBox();
    expect(button!.x + button!.width).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: join(SCREENSHOTS, 'embed-customer-login-phone.png'), fullPage: true });
    await context.close();
  });

  it('a user created through the API activates from the link in MAIL_DIR on the page, signs in, and the reused link is refused on the page', async () => {
    const owner = await demo.login(DEMO_USERNAMES.owner);
    const organisationId = await demo.organisationId('Demo');
    const created = await demo.graph(
      'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
      { input: { organisationId, username: 'Bea.Browser', email: 'bea@example.org', firstName: 'Bea', lastName: 'Browser', roleKey: 'OPERATOR' } },
      owner,
    );
    expect(created.errors).toBeUndefined();
    const mail = (await mailsTo(demo.mailDir, 'bea@example.org', 2)).find((candidate) => candidate.text.includes('/activate?token='))!;
    const link = `${gateway}/activate?token=${activationTokenIn(mail)}`;

    const context = await browser.newContext({ viewport: DESKTOP });
    const page = await context.newPage();
    await page.goto(link);
    await page.getByLabel('New password').fill('Bea picks a long password');
    await page.getByLabel('Repeat password').fill('Bea picks a long password');
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('Your password is set. You can now sign in with your username Bea.Browser and this password.').waitFor();
    const login = await demo.graph('mutation { login(username: "Bea.Browser", password: "Bea picks a long password") { accessToken } }');
    expect(login.data.login.accessToken).toEqual(expect.any(String));

    await page.goto(link);
    await page.getByLabel('New password').fill('Bea tries it once more');
    await page.getByLabel('Repeat password').fill('Bea tries it once more');
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByText('This link no longer works: it is not valid, has expired or was already used.').waitFor();
    await page.getByRole('link', { name: 'Ask for a new link' }).waitFor();
    await context.close();
  });
});
