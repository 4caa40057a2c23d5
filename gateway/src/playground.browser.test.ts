import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { DEMO_USERNAMES } from '@tenantry/stack';
import type { DemoGraph } from './testing/demo-graph';
import { DEMO_TEST_PASSWORD, startDemoGraph } from './testing/demo-graph';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it), driven by playwright-core. */
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

/** Flags for a root, offline machine: no sandbox, and none of Chromium's own calls home. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Every request the page makes, and every Content-Security-Policy violation it reports. */
interface Watched {
  page: Page;
  context: BrowserContext;
  requests: { url: string; authorization?: string; body?: string }[];
  violations(): Promise<string[]>;
}

/** Polls until `probe` gives something truthy, and gives it back. */
async function eventually<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describeInBrowser('the playground in a real browser (Chromium), on the running graph', () => {
  let demo: DemoGraph;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [demo, browser] = await Promise.all([startDemoGraph(), chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })]);
    origin = new URL(demo.stack.gatewayUrl).origin;
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  async function open(path: string, viewport = DESKTOP, options: { fakeClock?: boolean } = {}): Promise<Watched> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const requests: Watched['requests'] = [];
    page.on('request', (request) =>
      requests.push({ url: request.url(), authorization: request.headers().authorization, body: request.postData() ?? undefined }),
    );
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.assign(window, { cspViolations: seen });
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    if (options.fakeClock) await page.clock.install();
    await page.goto(`${origin}${path}`);
    return { page, context, requests, violations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations) };
  }

  function expectOnlyOwnOrigin(requests: Watched['requests']): void {
    expect(requests.length).toBeGreaterThan(0);
    expect(requests.map((request) => new URL(request.url).origin).filter((requestOrigin) => requestOrigin !== origin)).toEqual([]);
  }

  async function signIn(page: Page, username: string): Promise<void> {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(DEMO_TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(`Signed in as ${username}`).waitFor();
  }

  /** Puts an operation into the active tab's query editor (CodeMirror) and runs it. */
  async function run(page: Page, query?: string): Promise<void> {
    if (query !== undefined) {
      await page.evaluate((text) => {
        const editor = document.querySelector('.graphiql-query-editor .CodeMirror') as unknown as { CodeMirror: { setValue(value: string): void } };
        editor.CodeMirror.setValue(text);
      }, query);
    }
    await page.getByRole('button', { name: /Execute query/ }).click();
  }

  const response = (page: Page) => page.locator('.result-window');

  it('is served at /graphql to a browser and at /playground, from the gateway alone, under a strict CSP', async () => {
    const { page, context, requests, violations } = await open('/graphql');
    await expect(page.getByLabel('Username').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Password').isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Two-factor code').isVisible()).resolves.toBe(true);
    await page.getByText('Sign in to browse the schema.').waitFor();
    await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
    await page.waitForLoadState('networkidle');
    expectOnlyOwnOrigin(requests);
    // Nobody is signed in: the playground does not even try to introspect.
    expect(requests.filter((request) => request.body?.includes('IntrospectionQuery'))).toEqual([]);
    // GraphiQL's dialogs (Radix) style themselves too: still nothing the policy refuses.
    await page.getByRole('button', { name: 'Open settings dialog' }).click();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await violations()).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'playground-desktop.png') });

    const again = await page.goto(`${origin}/playground`);
    expect(again?.headers()['content-security-policy']).toMatch(
      /^default-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; style-src 'self' 'nonce-[A-Za-z0-9+/]{24}'$/,
    );
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await context.close();
  });

  it('signs the demo owner in, runs the first tab, shows the docs, and renews the session before it expires', async () => {
    const { page, context, requests, violations } = await open('/graphql', DESKTOP, { fakeClock: true });
    await signIn(page, DEMO_USERNAMES.owner);
    await page.getByText('Schema loaded').waitFor();
    await run(page);
    await expect(response(page).getByText('"demo.owner"').waitFor()).resolves.toBeUndefined();
    const firstToken = requests.filter((request) => request.authorization).at(-1)?.authorization;
    expect(firstToken).toMatch(/^Bearer \S+$/);

    await page.getByRole('button', { name: /Show Documentation Explorer/ }).click();
    await page.getByText('A GraphQL schema provides a root type for each kind of operation.').waitFor();
    await page.getByRole('link', { name: 'Query' }).click();
    // Descriptions from the schema, read by introspection after sign-in.
    await page.getByText('The audit trail of an organisation, newest first (administrators).').waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'playground-signed-in-desktop.png') });

    // 15 minutes of access token: the playground trades its refresh token before they run out.
    const refreshed = page.waitForResponse((answer) => answer.request().postData()?.includes('RefreshSession') ?? false);
    await page.clock.fastForward('14:30');
    expect((await (await refreshed).json()).data.refreshSession.accessToken).toEqual(expect.any(String));
    const before = requests.length;
    await run(page);
    const renewed = await eventually(() => requests.slice(before).find((request) => request.authorization)?.authorization, 'the next request');
    expect(renewed).toMatch(/^Bearer \S+$/);
    expect(renewed).not.toBe(firstToken);
    await response(page).getByText('"demo.owner"').waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.getByText('Sign in to browse the schema.').waitFor();
    expect(requests.some((request) => request.body?.includes('Logout'))).toBe(true);
    expectOnlyOwnOrigin(requests);
    expect(await violations()).toEqual([]);
    await context.close();
  });

  it('explains a FORBIDDEN answer with the reason the graph gives', async () => {
    const { page, context, requests, violations } = await open('/playground');
    await signIn(page, DEMO_USERNAMES.operator);
    // Operators lack schema.read: the docs stay closed, and the panel says why.
    await page.getByText('Your role may not read the schema (it needs schema.read)').waitFor();
    const organisationId = await demo.organisationId('Demo Support');
    await run(page, `{ auditEvents(organisationId: "${organisationId}") { totalCount } }`);
    await response(page).getByText('FORBIDDEN').waitFor();
    const panel = page.getByRole('status').filter({ hasText: 'Why was this refused?' });
    await panel.getByText('role OPERATOR lacks audit.read').waitFor();
    await expect(panel.textContent()).resolves.toContain('auditEvents needs audit.read');
    expect(requests.some((request) => request.body?.includes('ExplainDenial'))).toBe(true);
    expectOnlyOwnOrigin(requests);
    expect(await violations()).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'playground-forbidden-desktop.png') });
    await context.close();
  });

  it('works at phone width (375 px)', async () => {
    const { page, context, requests } = await open('/playground', PHONE);
    await signIn(page, DEMO_USERNAMES.owner);
    await run(page);
    await response(page).getByText('"demo.owner"').waitFor();
    // The answer sits below the editors, as wide as the screen allows.
    expect((await response(page).boundingBox())?.width).toBeGreaterThan(250);
    expectOnlyOwnOrigin(requests);
    await page.screenshot({ path: join(SCREENSHOTS, 'playground-phone.png') });
    await context.close();
  });

  it.each([
    ['activate', '/activate?token=dummy-token'],
    ['forgot-password', '/forgot-password'],
    ['reset-password', '/reset-password?token=dummy-token'],
    ['confirm-email', '/confirm-email?token=dummy-token'],
  ])('takes screenshots of the account page %s at desktop and phone width', async (name, path) => {
    for (const [size, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const { page, context, requests, violations } = await open(path, viewport);
      await page.locator('button[type="submit"]').waitFor();
      expectOnlyOwnOrigin(requests);
      expect(await violations()).toEqual([]);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size}.png`), fullPage: true });
      await context.close();
    }
  });
});
