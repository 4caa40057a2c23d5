import { OutboxMailRecord } from '@tenantry/mail';
import { DEMO_USERNAMES } from '@tenantry/stack';
import { errorCodes } from '@tenantry/testing';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';
import type { ReceivedMail } from './testing/mailbox';
import { mailsTo } from './testing/mailbox';

const UPDATE_EMAIL = `mutation($id: ID!, $email: String!) { updateUser(id: $id, input: { email: $email }) { email } }`;
const REQUEST_RESET = `mutation($name: String!) { requestPasswordReset(usernameOrEmail: $name) }`;
const CONFIRM = `mutation($token: String!) { confirmEmailChange(token: $token) }`;

/** The token of the `path` link in a mail, or null when the mail has none. */
function linkToken(mail: ReceivedMail, path: 'confirm-email' | 'reset-password'): string | null {
  const token = new RegExp(`http://app\\.test/${path}\\?token=([A-Za-z0-9_%-]+)`).exec(mail.text)?.[1];
  return token ? decodeURIComponent(token) : null;
}

describe('changing an email address through the gateway cannot hand the account to the new address', () => {
  let demo: DemoGraph;

  beforeAll(async () => {
    demo = await startDemoGraph();
  });
  afterAll(() => demo?.close());

  it('waits for the new address to confirm; until then password resets go to the old address only; the link works once', async () => {
    const { graph } = demo;
    const owner = await demo.login(DEMO_USERNAMES.owner);
    const operator = await demo.login(DEMO_USERNAMES.operator);
    const { id, email: oldEmail } = (await graph('{ me { id email } }', {}, operator)).data.me;
    const newEmail = 'taken.over@example.net';
    /** Outbox rows are written in the transaction of the request that causes them: counting them needs no waiting. */
    const queuedFor = (address: string) => demo.db.dataSource.getRepository(OutboxMailRecord).countBy({ toAddress: address });

    const changed = await graph(UPDATE_EMAIL, { id, email: newEmail }, owner);
    expect(changed.errors).toBeUndefined();
    expect(changed.data.updateUser.email).toBe(oldEmail);
    expect((await graph('query($id: ID!) { user(id: $id) { email pendingEmail } }', { id }, owner)).data.user).toEqual({
      email: oldEmail,
      pendingEmail: newEmail,
    });

    const [confirmation] = await mailsTo(demo.mailDir, newEmail);
    const token = linkToken(confirmation, 'confirm-email');
    expect(token).not.toBeNull();
    const [notice] = await mailsTo(demo.mailDir, oldEmail);
    expect(linkToken(notice, 'confirm-email')).toBeNull();
    expect(notice.text).not.toContain(newEmail);

    expect((await graph(REQUEST_RESET, { name: DEMO_USERNAMES.operator })).data.requestPasswordReset).toBe(true);
    const toOld = await mailsTo(demo.mailDir, oldEmail, 2);
    expect(linkToken(toOld[1], 'reset-password')).not.toBeNull();
    expect(await queuedFor(newEmail)).toBe(1);

    expect((await graph(CONFIRM, { token })).data.confirmEmailChange).toBe(true);
    expect((await graph('{ me { email pendingEmail } }', {}, operator)).data.me).toEqual({ email: newEmail, pendingEmail: null });
    expect(errorCodes(await graph(CONFIRM, { token }))).toEqual(['BAD_USER_INPUT']);

    expect((await graph(REQUEST_RESET, { name: DEMO_USERNAMES.operator })).data.requestPasswordReset).toBe(true);
    const toNew = await mailsTo(demo.mailDir, newEmail, 2);
    expect(linkToken(toNew[1], 'reset-password')).not.toBeNull();
    expect(await queuedFor(oldEmail)).toBe(2);
  });
});
