import { JSDOM } from 'jsdom';
import { DEMO_USERNAMES } from '@tenantry/stack';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';
import type { ReceivedMail } from './testing/mailbox';
import { mailsTo } from './testing/mailbox';

const LOGIN = `mutation($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken } }`;
const CSP = "default-src 'self'; frame-ancestors 'none'; form-action 'self'";

/** The path and query of the first `page` link in a mail (PUBLIC_URL is http://app.test in tests). */
function linkIn(mail: ReceivedMail, page: 'activate' | 'reset-password' | 'confirm-email'): string {
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

  /** The page as served, with its script running in a DOM (jsdom; no browser on this machine). */
  async function openInDom(path: string) {
    const dom = new JSDOM((await getPage(path)).html, { url: `${origin}${path}`, runScripts: 'outside-only' });
    // jsdom has no fetch: the page gets Node's, resolving '/graphql' against its own origin as a browser does.
    Object.assign(dom.window, { fetch: (input: string, init: RequestInit) => fetch(new URL(input, dom.window.location.href), init) });
    dom.window.eval(script);
    const document = dom.window.document;
    const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
    return {
      byId,
      type(id: string, value: string) {
        byId<HTMLInputElement>(id).value = value;
        byId(id).dispatchEvent(new dom.window.Event('input', { bubbles: true }));
      },
      submitButton: () => document.querySelector<HTMLButtonElement>('button[type="submit"]')!,
      /** Presses the page's button and resolves with what it says once it has its answer. */
      submit(): Promise<{ kind: string; text: string }> {
        const message = byId('message');
        return new Promise((resolve) => {
          const observer = new dom.window.MutationObserver(() => {
            const kind = /\b(success|error)\b/.exec(message.className)?.[1];
            if (!kind) return;
            observer.disconnect();
            resolve({ kind, text: message.textContent ?? '' });
          });
          observer.observe(message, { attributes: true, childList: true, characterData: true, subtree: true });
          this.submitButton().click();
        });
      },
    };
  }

  async function createUser(username: string, email: string): Promise<void> {
    const owner = await demo.login(DEMO_USERNAMES.owner);
    const organisationId = (await demo.graph('{ me { organisation { id } } }', {}, owner)).data.me.organisation.id;
    const [firstName, lastName] = username.split('.');
    const created = await demo.graph(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { organisationId, username, email, firstName, lastName, roleKey: 'OPERATOR' } },
      owner,
    );
    expect(created.errors).toBeUndefined();
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

  it('in a DOM, the activation page checks as you type, shows the server’s refusal, names the username on success and says plainly that a used link is used', async () => {
    await createUser('Mia.Meyer', 'mia@example.de');
    const activationMail = (await mailsTo(demo.mailDir, 'mia@example.de', 2)).find((mail) => mail.text.includes('/activate?token='))!;
    const link = linkIn(activationMail, 'activate');

    const page = await openInDom(link);
    page.type('new-password', 'short');
    expect(page.byId('password-length').textContent).toBe('5 characters so far: at least 8 are needed.');
    page.type('repeat-password', 'shorter');
    expect(page.byId('repeat-error').textContent).toBe('The two passwords are not the same.');
    expect(page.byId('repeat-password').getAttribute('aria-invalid')).toBe('true');

    page.type('new-password', 'password');
    page.type('repeat-password', 'password');
    expect(page.byId('repeat-error').textContent).toBe('');
    expect(await page.submit()).toEqual({ kind: 'error', text: 'That password is too common; choose another.' });

    page.type('new-password', 'Mia picks a passphrase');
    page.type('repeat-password', 'Mia picks a passphrase');
    expect(await page.submit()).toEqual({
      kind: 'success',
      text: 'Your password is set. You can now sign in with your username Mia.Meyer and this password.',
    });
    expect(page.byId('account-form').hidden).toBe(true);
    expect((await demo.graph(LOGIN, { username: 'Mia.Meyer', password: 'Mia picks a passphrase' })).errors).toBeUndefined();

    const again = await openInDom(`${link}&lang=nl`);
    again.type('new-password', 'Mia picks another one');
    again.type('repeat-password', 'Mia picks another one');
    expect(await again.submit()).toEqual({
      kind: 'error',
      text: 'Deze link werkt niet meer: hij is ongeldig, verlopen of al gebruikt. Vraag een nieuwe link aan',
    });
    expect(again.byId('message').querySelector('a')!.getAttribute('href')).toBe('/forgot-password?lang=nl');

    const withoutToken = await openInDom('/activate');
    expect(withoutToken.byId('message').textContent).toContain('This link is incomplete.');
    expect(withoutToken.submitButton().disabled).toBe(true);
  });

  it('in a DOM, forgot-password says the same for a name that matches no account', async () => {
    const page = await openInDom('/forgot-password?lang=de');
    page.type('username-or-email', 'nobody.at.all@example.de');
    expect(await page.submit()).toEqual({
      kind: 'success',
      text: 'Wenn ein Konto passt, ist ein Link unterwegs. Sehen Sie in Ihrem Posteingang (und im Spam-Ordner) nach.',
    });
  });

  it('in a DOM, opening the email confirmation link confirms nothing until its button is pressed', async () => {
    const owner = await demo.login(DEMO_USERNAMES.owner);
    const operator = await demo.login(DEMO_USERNAMES.operator);
    const { id } = (await demo.graph('{ me { id } }', {}, operator)).data.me;
    const changed = await demo.graph('mutation($id: ID!) { updateUser(id: $id, input: { email: "new.operator@example.org" }) { id } }', { id }, owner);
    expect(changed.errors).toBeUndefined();
    const link = linkIn((await mailsTo(demo.mailDir, 'new.operator@example.org'))[0], 'confirm-email');
    const pending = async () => (await demo.graph('{ me { pendingEmail } }', {}, operator)).data.me.pendingEmail;

    const page = await openInDom(`${link}&lang=fr`);
    expect(await pending()).toBe('new.operator@example.org');
    expect(page.byId('account-form').textContent).toContain('Confirmer l’adresse e-mail');
    expect(await page.submit()).toEqual({ kind: 'success', text: 'Votre adresse e-mail est confirmée. Nous vous écrirons désormais à la nouvelle adresse.' });
    expect(await pending()).toBeNull();
  });
});
