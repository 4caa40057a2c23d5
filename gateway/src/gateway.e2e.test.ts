import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERNAMES, RunningStack, seedDemoData, startStack } from '@tenantry/stack';
import { bearer, createTestDatabase, errorCodes, postGraphQL, TestDatabase } from '@tenantry/testing';

const PASSWORD = 'e2e-demo-password';
const LOGIN = `mutation($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken refreshToken } }`;
const ME = `{ me { username organisation { name } role { key } permissions } }`;

describe('the graph through the gateway, as real processes over HTTP', () => {
  let db: TestDatabase;
  let stack: RunningStack;
  let mailDir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoData(db.dataSource, PASSWORD);
    mailDir = mkdtempSync(join(tmpdir(), 'tenantry-mail-'));
    stack = await startStack({ env: { ...process.env, ...db.env, MAIL_DIR: mailDir, LOG_LEVEL: 'error' }, stdio: 'ignore' });
  });
  afterAll(async () => {
    await stack?.stop();
    await db.drop();
    rmSync(mailDir, { recursive: true, force: true });
  });

  const login = async (username: string) => (await postGraphQL(stack.gatewayUrl, LOGIN, { username, password: PASSWORD })).data.login;

  it('logs in and answers me with data from all three subgraphs', async () => {
    const { accessToken } = await login(DEMO_USERNAMES.owner);
    const response = await postGraphQL(stack.gatewayUrl, ME, {}, bearer(accessToken));
    expect(response.errors).toBeUndefined();
    expect(response.data.me).toMatchObject({ username: 'demo.owner', organisation: { name: 'Demo' }, role: { key: 'OWNER' } });
    expect(response.data.me.permissions).toContain('organisation.delete');
  });

  it('shows an operator only their own organisation', async () => {
    const { accessToken } = await login(DEMO_USERNAMES.operator);
    const response = await postGraphQL(stack.gatewayUrl, '{ organisations { edges { node { name } } } me { organisation { name } role { key } } }', {}, bearer(accessToken));
    expect(response.data).toEqual({
      organisations: { edges: [{ node: { name: 'Demo Support' } }] },
      me: { organisation: { name: 'Demo Support' }, role: { key: 'OPERATOR' } },
    });
  });

  it('refuses an access token once its session logged out', async () => {
    const { accessToken } = await login(DEMO_USERNAMES.customerAdministrator);
    expect((await postGraphQL(stack.gatewayUrl, 'mutation { logout }', {}, bearer(accessToken))).data).toEqual({ logout: true });
    const after = await postGraphQL(stack.gatewayUrl, ME, {}, bearer(accessToken));
    expect(after.status).toBe(401);
    expect(errorCodes(after)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a forged bearer token, and leaves anonymous callers only the open mutations', async () => {
    expect((await postGraphQL(stack.gatewayUrl, ME, {}, bearer('not.a.token'))).status).toBe(401);
    expect(errorCodes(await postGraphQL(stack.gatewayUrl, ME))).toEqual(['FORBIDDEN']);
  });

  it('a subgraph called directly answers 401, without a principal and with a forged one', async () => {
    const url = `http://127.0.0.1:${stack.ports.users}/graphql`;
    expect((await postGraphQL(url, ME)).status).toBe(401);
    expect((await postGraphQL(url, ME, {}, { 'x-tenantry-principal': 'eyJhbGciOiJub25lIn0.eyJwcmluY2lwYWwiOnsia2luZCI6InVzZXIifX0.', 'x-user-id': 'x' })).status).toBe(401);
  });
});
