import type { GraphQLResponse } from '@tenantry/testing';
import { bearer, initSeed, postGraphQL, SEED_PASSWORD } from '@tenantry/testing';
import { mailsTo } from './mailbox';

/**
 * The mutations after which a victim's very next request must be refused (or show their new role,
 * permissions or organisations), as end-to-end scenarios for the principal cache's tests
 * (docs/architecture.md: request path). Mutations go through one gateway, the victim's requests
 * through another (or the same one).
 */

const LOGIN = 'mutation($username: String!, $password: String!) { login(username: $username, password: $password) { accessToken refreshToken } }';
const REFRESH = 'mutation($refreshToken: String!) { refreshSession(refreshToken: $refreshToken) { accessToken refreshToken } }';
const ME = '{ me { id } }';
const AUDIT = 'query($organisationId: ID!) { auditEvents(organisationId: $organisationId, first: 1) { __typename } }';
const ORGANISATION = 'query($id: ID!) { organisation(id: $id) { id } }';
const ROLES = 'query($organisationId: ID!) { roles(organisationId: $organisationId) { id key } }';
const CREATE_ROLE = 'mutation($input: CreateRoleInput!) { createRole(input: $input) { id } }';
const ASSIGN_ROLE = 'mutation($userId: ID!, $roleId: ID!) { assignRole(userId: $userId, roleId: $roleId) { id } }';
const PROMOTE = 'mutation($userId: ID!, $organisationIds: [ID!]!) { promoteUser(userId: $userId, organisationIds: $organisationIds) { id } }';
const NEW_PASSWORD = 'another correct horse battery staple';

/** Signed-in requests the gateway at `graphqlUrl` answered from its principal cache so far (its /metrics). */
export async function cacheHits(graphqlUrl: string): Promise<number> {
  const metrics = await (await fetch(new URL('/metrics', graphqlUrl))).text();
  return Number(/^tenantry_principal_cache_requests_total\{result="hit"\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
}

export const codeOf = (response: GraphQLResponse): unknown =>
  response.errors?.[0]?.extensions?.code ?? (response.status === 401 ? 'UNAUTHENTICATED' : undefined);

/** The test database the seed writes to (the gateway holds no database code of its own). */
type SeedDatabase = Parameters<typeof initSeed>[0];

/** The gateways of a scenario: mutations through one, the victim's requests through the other (or both the same). */
export interface Gateways {
  mutations: string;
  victim: string;
  dataSource: SeedDatabase;
  mailDir: string;
}

/** A victim signed in through the mutations' gateway, and what the scenario arranged around them. */
export interface Stage {
  gateways: Gateways;
  ownerToken: string;
  victim: { id: string; username: string; email: string; organisationId: string; accessToken: string; refreshToken: string };
  /** A sub-organisation of the victim's account. */
  subOrganisation: { id: string; name: string };
  /** A role made for the scenario (custom roles). */
  roleId?: string;
  mutate(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse>;
  /** A request of the victim, through the victim's gateway. */
  ask(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse>;
}

export interface Revocation {
  name: string;
  /** The victim's role when created. */
  role?: string;
  /** The victim belongs to the sub-organisation instead of the account's default one. */
  inSubOrganisation?: true;
  /** The victim rotates their refresh token once after signing in, so that the first one can be presented again (reuse). */
  rotateAfterLogin?: true;
  /** Prepares the victim after creation, before they sign in (custom role, promotion). */
  arrange?: (stage: Stage) => Promise<void>;
  /** The victim's request that is answered before and must change after. */
  probe: (stage: Stage) => Promise<GraphQLResponse>;
  /** What the probe answered before. */
  before: (answer: GraphQLResponse, stage: Stage) => void;
  /** The mutation (asserting that it returned as intended). */
  revoke: (stage: Stage) => Promise<void>;
  /** What the very next probe must answer. */
  after: (answer: GraphQLResponse, stage: Stage) => void;
}

const post =
  (url: string) =>
  (query: string, variables: Record<string, unknown> = {}, token?: string) =>
    postGraphQL(url, query, variables, token ? bearer(token) : {});

const ok = (response: GraphQLResponse) => {
  if (response.errors?.length || response.status !== 200) throw new Error(`expected an answer, got ${response.status} ${JSON.stringify(response.errors)}`);
  return response;
};

const served = (answer: GraphQLResponse, stage: Stage) => expect(ok(answer).data.me.id).toBe(stage.victim.id);
const refused = (answer: GraphQLResponse) => {
  expect(answer.status).toBe(401);
  expect(codeOf(answer)).toBe('UNAUTHENTICATED');
};
const me = (stage: Stage) => stage.ask(ME, {}, stage.victim.accessToken);
const audit = (stage: Stage) => stage.ask(AUDIT, { organisationId: stage.victim.organisationId }, stage.victim.accessToken);
const seesSub = (stage: Stage) => stage.ask(ORGANISATION, { id: stage.subOrganisation.id }, stage.victim.accessToken);
const readsAudit = (answer: GraphQLResponse) => expect(ok(answer).data.auditEvents.__typename).toBe('AuditEventConnection');
const mayNotReadAudit = (answer: GraphQLResponse) => expect(codeOf(answer)).toBe('FORBIDDEN');
const visible = (answer: GraphQLResponse, stage: Stage) => expect(ok(answer).data.organisation?.id).toBe(stage.subOrganisation.id);
const invisible = (answer: GraphQLResponse) => expect(answer.data?.organisation ?? null).toBeNull();

async function roleId(stage: Stage, key: string): Promise<string> {
  const roles = ok(await stage.mutate(ROLES, { organisationId: stage.victim.organisationId }, stage.ownerToken)).data.roles as { id: string; key: string }[];
  const role = roles.find((candidate) => candidate.key === key);
  if (!role) throw new Error(`no role ${key}`);
  return role.id;
}

/** A role that may read the audit log, made and given to the victim. */
async function auditorRole(stage: Stage): Promise<void> {
  const input = {
    organisationId: stage.victim.organisationId,
    name: `Auditors ${stage.victim.username}`,
    permissions: ['organisation.read', 'users.read', 'audit.read'],
  };
  stage.roleId = ok(await stage.mutate(CREATE_ROLE, { input }, stage.ownerToken)).data.createRole.id as string;
  ok(await stage.mutate(ASSIGN_ROLE, { userId: stage.victim.id, roleId: stage.roleId }, stage.ownerToken));
}

const promoted = async (stage: Stage) => {
  ok(await stage.mutate(PROMOTE, { userId: stage.victim.id, organisationIds: [stage.subOrganisation.id] }, stage.ownerToken));
};

export const REVOCATIONS: Revocation[] = [
  {
    name: 'logout',
    probe: me,
    before: served,
    revoke: async (stage) => expect(ok(await stage.mutate('mutation { logout }', {}, stage.victim.accessToken)).data.logout).toBe(true),
    after: refused,
  },
  {
    name: 'suspendUser',
    probe: me,
    before: served,
    revoke: async (stage) => void ok(await stage.mutate('mutation($id: ID!) { suspendUser(id: $id) { id } }', { id: stage.victim.id }, stage.ownerToken)),
    after: refused,
  },
  {
    name: 'the lock after 3 wrong logins (anonymous)',
    probe: me,
    before: served,
    revoke: async (stage) => {
      for (let i = 0; i < 3; i += 1)
        expect(codeOf(await stage.mutate(LOGIN, { username: stage.victim.username, password: `wrong ${i}` }))).toBe('UNAUTHENTICATED');
    },
    after: refused,
  },
  {
    name: 'archiveUser',
    probe: me,
    before: served,
    revoke: async (stage) => void ok(await stage.mutate('mutation($id: ID!) { archiveUser(id: $id) { id } }', { id: stage.victim.id }, stage.ownerToken)),
    after: refused,
  },
  {
    name: 'deleteUser',
    probe: me,
    before: served,
    revoke: async (stage) => void ok(await stage.mutate('mutation($id: ID!) { deleteUser(id: $id) }', { id: stage.victim.id }, stage.ownerToken)),
    after: refused,
  },
  {
    name: "deleteOrganisation of the victim's organisation",
    inSubOrganisation: true,
    probe: me,
    before: served,
    revoke: async (stage) => {
      const deleted = await stage.mutate(
        'mutation($id: ID!, $confirmName: String!) { deleteOrganisation(id: $id, confirmName: $confirmName) { deletedOrganisationId } }',
        { id: stage.subOrganisation.id, confirmName: stage.subOrganisation.name },
        stage.ownerToken,
      );
      expect(ok(deleted).data.deleteOrganisation.deletedOrganisationId).toBe(stage.subOrganisation.id);
    },
    after: refused,
  },
  {
    name: 'assignRole (a role without audit.read)',
    role: 'MANAGER',
    probe: audit,
    before: readsAudit,
    revoke: async (stage) => void ok(await stage.mutate(ASSIGN_ROLE, { userId: stage.victim.id, roleId: await roleId(stage, 'OPERATOR') }, stage.ownerToken)),
    after: mayNotReadAudit,
  },
  {
    name: "updateRole (the victim's role loses audit.read)",
    arrange: auditorRole,
    probe: audit,
    before: readsAudit,
    revoke: async (stage) => {
      const input = { permissions: ['organisation.read', 'users.read'] };
      ok(
        await stage.mutate(
          'mutation($id: ID!, $input: UpdateRoleInput!) { updateRole(id: $id, input: $input) { id } }',
          { id: stage.roleId, input },
          stage.ownerToken,
        ),
      );
    },
    after: mayNotReadAudit,
  },
  {
    name: "deleteRole (the victim's role, replaced by OPERATOR)",
    arrange: auditorRole,
    probe: audit,
    before: readsAudit,
    revoke: async (stage) => {
      const replacementRoleId = await roleId(stage, 'OPERATOR');
      const deleted = await stage.mutate(
        'mutation($id: ID!, $replacementRoleId: ID) { deleteRole(id: $id, replacementRoleId: $replacementRoleId) }',
        { id: stage.roleId, replacementRoleId },
        stage.ownerToken,
      );
      expect(ok(deleted).data.deleteRole).toBe(true);
    },
    after: mayNotReadAudit,
  },
  {
    name: 'promoteUser (the victim sees the organisation granted)',
    probe: seesSub,
    before: invisible,
    revoke: promoted,
    after: visible,
  },
  {
    name: 'demoteUser (the victim no longer sees it)',
    arrange: promoted,
    probe: seesSub,
    before: visible,
    revoke: async (stage) =>
      void ok(await stage.mutate('mutation($userId: ID!) { demoteUser(userId: $userId) { id } }', { userId: stage.victim.id }, stage.ownerToken)),
    after: invisible,
  },
  {
    name: 'resetPassword (anonymous, from the mailed link)',
    probe: me,
    before: served,
    revoke: async (stage) => {
      expect(
        ok(await stage.mutate('mutation($name: String!) { requestPasswordReset(usernameOrEmail: $name) }', { name: stage.victim.username })).data
          .requestPasswordReset,
      ).toBe(true);
      const [mail] = await mailsTo(stage.gateways.mailDir, stage.victim.email);
      const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
      const reset = await stage.mutate('mutation($token: String!, $password: String!) { resetPassword(token: $token, password: $password) }', {
        token,
        password: NEW_PASSWORD,
      });
      expect(ok(reset).data.resetPassword).toBe(true);
    },
    after: refused,
  },
  {
    name: 'refreshSession (anonymous: the rotated session ends)',
    probe: me,
    before: served,
    revoke: async (stage) => void ok(await stage.mutate(REFRESH, { refreshToken: stage.victim.refreshToken })),
    after: refused,
  },
  {
    name: 'refresh-token reuse (anonymous: the whole session family ends)',
    rotateAfterLogin: true,
    probe: me,
    before: served,
    revoke: async (stage) => expect(codeOf(await stage.mutate(REFRESH, { refreshToken: stage.victim.refreshToken }))).toBe('UNAUTHENTICATED'),
    after: refused,
  },
  {
    name: 'changePassword in another session of the victim',
    probe: me,
    before: served,
    revoke: async (stage) => {
      const other = ok(await stage.mutate(LOGIN, { username: stage.victim.username, password: SEED_PASSWORD })).data.login.accessToken as string;
      const changed = await stage.mutate(
        'mutation($currentPassword: String!, $newPassword: String!) { changePassword(currentPassword: $currentPassword, newPassword: $newPassword) }',
        { currentPassword: SEED_PASSWORD, newPassword: NEW_PASSWORD },
        other,
      );
      expect(ok(changed).data.changePassword).toBe(true);
    },
    after: refused,
  },
  {
    name: 'switchOrganisation (the old session rotates away)',
    arrange: promoted,
    probe: me,
    before: served,
    revoke: async (stage) => {
      const switched = await stage.mutate(
        'mutation($organisationId: ID!) { switchOrganisation(organisationId: $organisationId) { accessToken } }',
        { organisationId: stage.subOrganisation.id },
        stage.victim.accessToken,
      );
      ok(switched);
    },
    after: refused,
  },
];

/** Seeds an account with the victim, signs the owner and the victim in through the mutations' gateway, and runs `arrange`. */
export async function stageFor(revocation: Revocation, gateways: Gateways): Promise<Stage> {
  const account = await initSeed(gateways.dataSource).createAccount();
  const sub = await account.createOrganisation();
  const mutate = post(gateways.mutations);
  const login = async (username: string) =>
    ok(await mutate(LOGIN, { username, password: SEED_PASSWORD })).data.login as { accessToken: string; refreshToken: string };
  const victim = await (revocation.inSubOrganisation ? sub : account.defaultOrganisation).createUser(revocation.role ?? 'OPERATOR');
  const stage: Stage = {
    gateways,
    ownerToken: (await login(account.owner.record.username)).accessToken,
    victim: {
      id: victim.id,
      username: victim.record.username,
      email: victim.record.email!,
      organisationId: victim.record.organisationId,
      accessToken: '',
      refreshToken: '',
    },
    subOrganisation: { id: sub.id, name: sub.record.name },
    mutate,
    ask: post(gateways.victim),
  };
  await revocation.arrange?.(stage);
  Object.assign(stage.victim, await login(victim.record.username));
  if (revocation.rotateAfterLogin) {
    // The victim acts in the rotated session; `refreshToken` stays the first one, which `revoke` presents again.
    const rotated = ok(await mutate(REFRESH, { refreshToken: stage.victim.refreshToken })).data.refreshSession as { accessToken: string };
    stage.victim.accessToken = rotated.accessToken;
  }
  return stage;
}
