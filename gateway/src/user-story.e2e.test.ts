import { DEMO_USERNAMES } from '@tenantry/stack';
import { errorCodes } from '@tenantry/testing';
import type { DemoGraph } from './testing/demo-graph';
import { startDemoGraph } from './testing/demo-graph';
import { activationTokenIn, mailsTo } from './testing/mailbox';

const LOGIN = `mutation($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken } }`;

describe('user administration through the gateway: a user from creation to CSV export', () => {
  let demo: DemoGraph;

  beforeAll(async () => {
    demo = await startDemoGraph();
  });
  afterAll(() => demo?.close());

  it('is created, activates from the mail, gets locked after three failures, is unlocked by an administrator and shows in the export', async () => {
    const { graph } = demo;
    const login = (username: string, password: string) => graph(LOGIN, { username, password });
    const owner = await demo.login(DEMO_USERNAMES.owner);
    const organisationId = (await graph('{ me { organisation { id } } }', {}, owner)).data.me.organisation.id;

    const created = await graph(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id username status } }`,
      { input: { organisationId, username: 'Jan.Jansen', email: 'jan@example.nl', firstName: 'Jan', lastName: 'Jansen', roleKey: 'OPERATOR' } },
      owner,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data.createUser).toMatchObject({ username: 'Jan.Jansen', status: 'INVITED' });
    const userId = created.data.createUser.id;

    const mails = await mailsTo(demo.mailDir, 'jan@example.nl', 2);
    const usernameMail = mails.find((mail) => mail.text.includes('Jan.Jansen') && !mail.text.includes('activate?token='));
    expect(usernameMail).toBeDefined();
    const activationMail = mails.find((mail) => mail.text.includes('activate?token='))!;
    const activated = await graph(`mutation($token: String!) { activateAccount(token: $token, password: "jan's own passphrase") { accessToken } }`, {
      token: activationTokenIn(activationMail),
    });
    expect(activated.errors).toBeUndefined();

    expect((await login('Jan.Jansen', "jan's own passphrase")).errors).toBeUndefined();
    expect(errorCodes(await login('jan.jansen', "jan's own passphrase"))).toEqual(['UNAUTHENTICATED']);
    for (let attempt = 0; attempt < 3; attempt++) expect(errorCodes(await login('Jan.Jansen', 'not the passphrase'))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await login('Jan.Jansen', "jan's own passphrase"))).toEqual(['UNAUTHENTICATED']);
    const statusOf = async () => (await graph('query($id: ID!) { user(id: $id) { status } }', { id: userId }, owner)).data.user.status;
    expect(await statusOf()).toBe('LOCKED');

    expect((await graph('mutation($id: ID!) { unlockUser(id: $id) { status } }', { id: userId }, owner)).data.unlockUser.status).toBe('ACTIVE');
    expect((await login('Jan.Jansen', "jan's own passphrase")).errors).toBeUndefined();

    const csv = (await graph('query($id: ID!) { usersCsv(organisationId: $id) }', { id: organisationId }, owner)).data.usersCsv as string;
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    expect(header).toBe('username,firstName,lastName,email,status,role,tfaEnabled,lastLoginAt,createdAt');
    const jan = rows.find((row) => row.startsWith('Jan.Jansen,'))!.split(',');
    expect(jan.slice(0, 7)).toEqual(['Jan.Jansen', 'Jan', 'Jansen', 'jan@example.nl', 'ACTIVE', 'OPERATOR', 'false']);
    expect(jan[7]).not.toBe('');
  });
});
