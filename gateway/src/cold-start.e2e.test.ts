import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERNAMES } from '@tenantry/stack';
import type { GraphQLResponse, LauncherProcess, TestDatabase } from '@tenantry/testing';
import {
  bearer,
  createTestDatabase,
  errorCodes,
  freeLauncherPorts,
  LAUNCHER_READY,
  launcherPartNames,
  postGraphQL,
  processesRunningIn,
  startLauncher,
  testDialect,
} from '@tenantry/testing';
import { activationTokenIn, mailsTo } from './testing/mailbox';

const DEMO_PASSWORD = 'cold-start-demo-password';
const LOGIN = `mutation($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken } }`;
/** Longer than the mail worker lived when its only timer was unref'd (about half a second). */
const IDLE_BEFORE_FIRST_REQUEST_MS = 3_000;
/** Generous: a person would wait a minute before calling mail lost. */
const MAIL_DEADLINE_MS = 60_000;

/**
 * The graph started exactly as `npm start` starts it (the built launcher, in a fresh folder so
 * `./var` is new), reached only through the gateway.
 */
describe('a cold `npm start`', () => {
  let cwd: string;
  let db: TestDatabase | undefined;
  let launcher: LauncherProcess;
  let gatewayPort: number;
  let mailDir: string;

  beforeAll(async () => {
    cwd = realpathSync(mkdtempSync(join(tmpdir(), 'tenantry-cold-start-')));
    mailDir = join(cwd, 'mail');
    const ports = await freeLauncherPorts();
    gatewayPort = Number(ports.PORT);
    const env: Record<string, string> = {
      ...ports,
      DEMO_PASSWORD,
      MAIL_DIR: mailDir,
    };
    if (testDialect === 'mysql') {
      db = await createTestDatabase();
      Object.assign(env, db.env, { SEED_DEMO_DATA: 'true' });
    }
    launcher = startLauncher(cwd, env);
    await launcher.waitForOutput(LAUNCHER_READY, 120_000);
  }, 150_000);

  afterAll(async () => {
    await launcher?.cleanUp();
    await db?.drop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('delivers mail with links to its own port, locks and unlocks a user, and stops every part on SIGTERM', async () => {
    // The launcher and its parts (gateway, mail worker, each subgraph) all run in `cwd`.
    const started = processesRunningIn(cwd).sort();
    expect(started).toHaveLength(1 + launcherPartNames().length);
    // A person reads the banner and only then tries the graph.
    await new Promise((resolve) => setTimeout(resolve, IDLE_BEFORE_FIRST_REQUEST_MS));

    const graph = <TData = any>(query: string, variables: Record<string, unknown> = {}, accessToken?: string): Promise<GraphQLResponse<TData>> =>
      postGraphQL<TData>(`http://127.0.0.1:${gatewayPort}/graphql`, query, variables, accessToken ? bearer(accessToken) : {});
    const login = (username: string, password: string) => graph(LOGIN, { username, password });

    const ownerLogin = await login(DEMO_USERNAMES.owner, DEMO_PASSWORD);
    expect(ownerLogin.errors).toBeUndefined();
    const owner = ownerLogin.data.login.accessToken as string;
    const organisationId = (await graph('{ me { organisation { id } } }', {}, owner)).data.me.organisation.id;
    const created = await graph(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id username status } }`,
      { input: { organisationId, username: 'Cold.Start', email: 'cold@example.org', firstName: 'Cold', lastName: 'Start', roleKey: 'OPERATOR' } },
      owner,
    );
    expect(created.errors).toBeUndefined();
    const userId = created.data.createUser.id;

    const mails = await mailsTo(mailDir, 'cold@example.org', 2, MAIL_DEADLINE_MS);
    expect(mails.find((mail) => mail.text.includes('Cold.Start') && !mail.text.includes('activate?token='))).toBeDefined();
    const activationMail = mails.find((mail) => mail.text.includes('activate?token='))!;
    const link = /(\S+\/activate\?token=\S+)/.exec(activationMail.text)![1];
    expect(new URL(link).origin).toBe(`http://localhost:${gatewayPort}`);

    const passphrase = 'a cold start passphrase';
    const activated = await graph(`mutation($token: String!, $password: String!) { activateAccount(token: $token, password: $password) { accessToken } }`, {
      token: activationTokenIn(activationMail),
      password: passphrase,
    });
    expect(activated.errors).toBeUndefined();
    expect((await login('Cold.Start', passphrase)).errors).toBeUndefined();
    for (let attempt = 0; attempt < 3; attempt++) expect(errorCodes(await login('Cold.Start', 'not the passphrase'))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await login('Cold.Start', passphrase))).toEqual(['UNAUTHENTICATED']);
    expect((await graph('query($id: ID!) { user(id: $id) { status } }', { id: userId }, owner)).data.user.status).toBe('LOCKED');
    const unlocked = await graph('mutation($id: ID!) { unlockUser(id: $id) { status } }', { id: userId }, owner);
    expect(unlocked.errors).toBeUndefined();
    expect(unlocked.data.unlockUser.status).toBe('ACTIVE');
    expect((await login('Cold.Start', passphrase)).errors).toBeUndefined();

    const pids = launcher.partPids();
    expect(Object.keys(pids).sort()).toEqual(launcherPartNames());
    expect(started).toEqual([launcher.child.pid, ...Object.values(pids)].sort());
    expect(processesRunningIn(cwd).sort()).toEqual(started);

    launcher.child.kill('SIGTERM');
    expect(await launcher.exited).toEqual({ code: 0, signal: null });
    // The launcher exits only once every part has: nothing is left, without waiting.
    expect(processesRunningIn(cwd)).toEqual([]);
  }, 180_000);
});
