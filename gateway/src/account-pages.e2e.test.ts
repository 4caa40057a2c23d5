import { DEMO_USERNAMES } from '@tenantry/stack';
import { DemoGraph, startDemoGraph } from './testing/demo-graph';
import { mailsTo, ReceivedMail } from './testing/mailbox';

const LOGIN = `mutation($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken } }`;
const CSP = "default-src 'self'; frame-ancestors 'none'; form-action 'self'";

/** The path and query of the first `page` link in a mail (PUBLIC_URL is http://app.test in tests). */
function linkIn(mail: ReceivedMail, page: 'activate' | 'reset-password'): string {
  const link = new RegExp(`http://app\\.test(/${page}\\?token=[A-Za-z0-9_%-]+)`).exec(mail.text)?.[1];
  if (!link) throw new Error(`no ${page} link in "${mail.subject}"`);
  return link;
}

/** A GraphQL operation exactly as the page's script sends it, found by its operation name. */
function operationIn(script: string, name: string): string {
  const operation = new RegExp(`'((?:mutation|query) ${name}\\b[^']*)'`).exec(script)?.[1];
  if (!operation) throw new Error(`the page script has no operation ${name}`);
  return operation;
}

describe('the account pages mail links point to, through the gateway', () => {
  let demo: DemoGraph;
  let origin: string;
  let script: string;

  beforeAll(async () => {
    demo = await startDemoGraph();
    origin = new URL(demo.stack.gatewayUrl).origin;
    script = await (await fetch(`${origin}/account-pages/account.js`)).text();
  });
  afterAll(() => demo?.close());

  async function getPage(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${origin}${path}`, { headers });
    return { response, html: await response.text() };
  }

  it('a new user opens the activation link, chooses a password as the page does, and signs in; the used link is refused plainly', async () => {
    const { graph } = demo;
    const owner = await demo.login(DEMO_USERNAMES.owner);
    const organisationId = (await graph('{ me { organisation { id } } }', {}, owner)).data.me.organisation.id;
    const created = await graph(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { organisationId, username: 'Lena.Lang', email: 'lena@example.de', firstName: 'Lena', lastName: 'Lang', roleKey: 'OPERATOR' } },
      owner,
    );
    expect(created.errors).toBeUndefined();
    const activationMail = (await mailsTo(demo.mailDir, 'lena@example.de', 2)).find((mail) => mail.text.includes('/activate?token='))!;
    const link = linkIn(activationMail, 'activate');
    const token = new URL(link, origin).searchParams.get('token')!;

    const { response, html } = await getPage(link);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(html).toContain('<label for="new-password">New password</label>');
    expect(html).toContain('<label for="repeat-password">Repeat password</label>');
    expect(html).toContain('<button type="submit">Activate</button>');
    expect(html).not.toContain(token);

    const activate = operationIn(script, 'Activate');
    const refused = await graph(activate, { token, password: 'password' });
    // The page shows this message as it is: the refusal names the password field.
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });

    const activated = await graph(activate, { token, password: 'Lena chooses a long one' });
    expect(activated.errors).toBeUndefined();
    const me = await graph(operationIn(script, 'Me'), {}, activated.data.activateAccount.accessToken);
    expect(me.data.me.username).toBe('Lena.Lang');
    expect((await graph(LOGIN, { username: 'Lena.Lang', password: 'Lena chooses a long one' })).errors).toBeUndefined();

    // A refusal naming no field is what the page turns into "this link no longer works" with a way to a new one.
    const reused = await graph(activate, { token, password: 'Lena chooses a long one' });
    expect(reused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(reused.errors?.[0].extensions?.field).toBeUndefined();
  });

  it('forgot-password speaks German for ?lang=de and its reset link leads to a page that sets a new password', async () => {
    const { graph } = demo;
    const { response, html } = await getPage('/forgot-password?lang=de', { 'accept-language': 'fr' });
    expect(response.status).toBe(200);
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<label for="username-or-email">Benutzername oder E-Mail</label>');
    expect(html).toContain('<button type="submit">Link senden</button>');

    const owner = await demo.login(DEMO_USERNAMES.owner);
    const organisationId = (await graph('{ me { organisation { id } } }', {}, owner)).data.me.organisation.id;
    await graph(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { organisationId, username: 'Rui.Reis', email: 'rui@example.pt', firstName: 'Rui', lastName: 'Reis', roleKey: 'OPERATOR' } },
      owner,
    );
    const activationMail = (await mailsTo(demo.mailDir, 'rui@example.pt', 2)).find((mail) => mail.text.includes('/activate?token='))!;
    const activationToken = new URL(linkIn(activationMail, 'activate'), origin).searchParams.get('token');
    expect((await graph(operationIn(script, 'Activate'), { token: activationToken, password: 'first passphrase of Rui' })).errors).toBeUndefined();

    const forgot = await graph(operationIn(script, 'Forgot'), { usernameOrEmail: 'rui@example.pt' });
    expect(forgot.data.requestPasswordReset).toBe(true);
    expect((await graph(operationIn(script, 'Forgot'), { usernameOrEmail: 'nobody@example.pt' })).data.requestPasswordReset).toBe(true);
    const resetMail = (await mailsTo(demo.mailDir, 'rui@example.pt', 3)).find((mail) => mail.text.includes('/reset-password?token='))!;
    const link = linkIn(resetMail, 'reset-password');
    const page = await getPage(link, { 'accept-language': 'es' });
    expect(page.response.status).toBe(200);
    expect(page.html).toContain('<button type="submit">Restablecer contraseña</button>');

    const reset = await graph(operationIn(script, 'Reset'), { token: new URL(link, origin).searchParams.get('token'), password: 'second passphrase of Rui' });
    expect(reset.errors).toBeUndefined();
    expect((await graph(LOGIN, { username: 'Rui.Reis', password: 'second passphrase of Rui' })).errors).toBeUndefined();
  });
});
