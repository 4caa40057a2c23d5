import { randomUUID } from 'node:crypto';
import { withTransaction } from '@tenantry/database';
import { RoleRecord } from '@tenantry/permissions-module';
import { InvitationRecord, InvitationStatus, UserRecord, UserStatus, UserTokenPurpose, UserTokenRecord } from '@tenantry/users-module';
import { hashToken, randomToken } from '@tenantry/auth';
import { issueActivation } from '@tenantry/provisioning';
import type { Persona, World } from './world';

/**
 * The authorization matrix as data (after OWASP's authorization-testing cheat sheet and
 * OpenFGA's assertion files): every query and mutation of the graph, what it is asked with,
 * and which personas it must allow. Every persona not listed must be denied.
 */
export interface OperationRow {
  /**
   * How the outcome is judged: 'data' (default) wants data back; 'authorization' only wants no
   * FORBIDDEN, UNAUTHENTICATED or NOT_FOUND (for calls that fail on purpose after the check, e.g. a wrong TOTP code).
   */
  judge?: 'data' | 'authorization';
  /** The root field this row covers. */
  field: string;
  kind: 'query' | 'mutation';
  document: string;
  /** Variables for one call; may create a fresh target, so a call never depends on another. */
  variables: (world: World) => Promise<Record<string, unknown>> | Record<string, unknown>;
  allowed: readonly Persona[];
}

const everyone: readonly Persona[] = [
  'anonymous',
  'operatorA',
  'managerA',
  'ownerA',
  'operatorB',
  'promoted',
  'customerMember',
  'customerModerator',
  'customerAdministrator',
];
const signedIn = everyone.filter((persona) => persona !== 'anonymous');
/** A custom role of A1 made for one call. */
async function customRole(world: World): Promise<RoleRecord> {
  const role = {
    id: randomUUID(),
    organisationId: world.a1.id,
    key: `MATRIX_${randomUUID().slice(0, 8)}`,
    name: unique('Matrix role'),
    builtIn: false,
    permissions: ['chats.access'],
    createdAt: new Date(),
  };
  await world.dataSource.getRepository(RoleRecord).insert(role);
  return role as RoleRecord;
}

/** A fresh user of A1 in the given status, target of one lifecycle call. */
async function userOfA1(world: World, status: UserStatus): Promise<string> {
  const user = await world.a1.createUser('OPERATOR');
  await world.dataSource.getRepository(UserRecord).update({ id: user.id }, { status, archivedAt: status === UserStatus.ARCHIVED ? new Date() : null });
  return user.id;
}

/** A fresh active user of A1 with two-factor authentication on. */
async function userOfA1WithTotp(world: World): Promise<string> {
  const id = await userOfA1(world, UserStatus.ACTIVE);
  await world.dataSource.getRepository(UserRecord).update({ id }, { totpEnabled: true, totpSecret: 'JBSWY3DPEHPK3PXP' });
  return id;
}

/** A fresh invited user of A1 with a pending invitation; returns the invitation and its raw token. */
async function invitationInA1(world: World): Promise<{ id: string; token: string; userId: string }> {
  const user = await world.a1.createUser('OPERATOR');
  const token = randomToken();
  const id = randomUUID();
  await world.dataSource.getRepository(UserRecord).update({ id: user.id }, { status: UserStatus.INVITED, passwordHash: null });
  await world.dataSource.getRepository(InvitationRecord).insert({
    id,
    organisationId: world.a1.id,
    userId: user.id,
    email: user.record.email!,
    language: 'en',
    roleKey: 'OPERATOR',
    status: InvitationStatus.PENDING,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + 3_600_000),
    invitedByUserId: null,
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  return { id, token, userId: user.id };
}

/** A fresh invited user of A1 with an activation link; returns the link's raw token. */
async function activationToken(world: World): Promise<string> {
  const userId = await userOfA1(world, UserStatus.INVITED);
  return withTransaction(world.dataSource, async (manager) =>
    issueActivation(manager, await manager.findOneByOrFail(UserRecord, { id: userId }), { publicUrl: 'http://app.test', organisationName: 'Alpha One' }),
  );
}

/** A password-reset token of a fresh user of A1. */
async function resetToken(world: World): Promise<string> {
  const userId = await userOfA1(world, UserStatus.ACTIVE);
  const token = randomToken();
  await world.dataSource.getRepository(UserTokenRecord).insert({
    id: randomUUID(),
    userId,
    purpose: UserTokenPurpose.PASSWORD_RESET,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + 3_600_000),
    usedAt: null,
    createdAt: new Date(),
  });
  return token;
}

/** A confirmation link for a pending email change of a fresh user of A1; returns its raw token. */
async function emailChangeToken(world: World): Promise<string> {
  const userId = await userOfA1(world, UserStatus.ACTIVE);
  const token = randomToken();
  await world.dataSource.getRepository(UserRecord).update({ id: userId }, { pendingEmail: `${username('moving')}@example.com` });
  await world.dataSource.getRepository(UserTokenRecord).insert({
    id: randomUUID(),
    userId,
    purpose: UserTokenPurpose.EMAIL_CHANGE,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + 3_600_000),
    usedAt: null,
    createdAt: new Date(),
  });
  return token;
}

/** Who sees organisation A1 and its users. */
const seesA1: readonly Persona[] = ['operatorA', 'managerA', 'ownerA', 'promoted'];
/** Who administers A1's users (users.invite / users.manage / users.export / audit.read there). */
const administersA1: readonly Persona[] = ['managerA', 'ownerA'];
/** Everybody with chats.access: operators, managers and the owner; customer roles have none. */
const chats: readonly Persona[] = ['operatorA', 'managerA', 'ownerA', 'operatorB', 'promoted'];

const unique = (prefix: string) => `${prefix} ${randomUUID().slice(0, 8)}`;
const username = (prefix: string) => `${prefix}.${randomUUID().slice(0, 8)}`;

export const OPERATION_ROWS: OperationRow[] = [
  { field: 'me', kind: 'query', document: '{ me { id } }', variables: () => ({}), allowed: signedIn },
  { field: 'account', kind: 'query', document: '{ account { id } }', variables: () => ({}), allowed: ['ownerA', 'promoted'] },
  {
    field: 'organisation',
    kind: 'query',
    document: 'query($id: ID!) { organisation(id: $id) { id } }',
    variables: (world) => ({ id: world.a1.id }),
    allowed: seesA1,
  },
  { field: 'organisations', kind: 'query', document: '{ organisations { edges { node { id } } } }', variables: () => ({}), allowed: signedIn },
  {
    field: 'organisationDeletionPreview',
    kind: 'query',
    document: 'query($id: ID!) { organisationDeletionPreview(id: $id) { operators } }',
    variables: (world) => ({ id: world.a1.id }),
    allowed: ['ownerA'],
  },
  {
    field: 'user',
    kind: 'query',
    document: 'query($id: ID!) { user(id: $id) { id } }',
    variables: (world) => ({ id: world.colleague.id }),
    allowed: seesA1,
  },
  { field: 'permissionCatalog', kind: 'query', document: '{ permissionCatalog { key } }', variables: () => ({}), allowed: signedIn },
  {
    field: 'roles',
    kind: 'query',
    document: 'query($id: ID!) { roles(organisationId: $id) { id } }',
    variables: (world) => ({ id: world.a1.id }),
    allowed: seesA1,
  },
  {
    field: 'login',
    kind: 'mutation',
    document: 'mutation($username: String!) { login(username: $username, password: "correct horse battery staple") { accessToken } }',
    variables: (world) => ({ username: world.colleague.record.username }),
    allowed: everyone,
  },
  {
    // The embedded customer login: public like login, admitting a customer of the named organisation.
    field: 'login',
    kind: 'mutation',
    document:
      'mutation($username: String!, $customerOf: ID!) { login(username: $username, password: "correct horse battery staple", customerOf: $customerOf) { accessToken } }',
    variables: (world) => ({ username: world.users.customerMember.record.username, customerOf: world.a1.id }),
    allowed: everyone,
  },
  { field: 'logout', kind: 'mutation', document: 'mutation { logout }', variables: () => ({}), allowed: signedIn },
  {
    field: 'createOrganisation',
    kind: 'mutation',
    document: 'mutation($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { id } } }',
    variables: () => ({
      input: { name: unique('Matrix'), firstOperator: { username: username('matrix'), email: 'matrix@example.com', firstName: 'M', lastName: 'X' } },
    }),
    allowed: ['ownerA'],
  },
  {
    field: 'updateOrganisation',
    kind: 'mutation',
    document: 'mutation($id: ID!) { updateOrganisation(id: $id, input: { location: "Utrecht" }) { id } }',
    variables: (world) => ({ id: world.a1.id }),
    allowed: ['managerA', 'ownerA'],
  },
  {
    field: 'updateOrganisation',
    kind: 'mutation',
    document: 'mutation($id: ID!) { updateOrganisation(id: $id, input: { embedOrigins: ["https://portal.example.com"] }) { embedOrigins } }',
    variables: (world) => ({ id: world.a1.id }),
    allowed: ['managerA', 'ownerA'],
  },
  {
    field: 'deleteOrganisation',
    kind: 'mutation',
    document: 'mutation($id: ID!, $name: String!) { deleteOrganisation(id: $id, confirmName: $name) { deletedOrganisationId } }',
    variables: async (world) => {
      const doomed = await world.alpha.createOrganisation(unique('Doomed'));
      return { id: doomed.id, name: doomed.record.name };
    },
    allowed: ['ownerA'],
  },
  {
    field: 'createCustomerOrganisation',
    kind: 'mutation',
    document: 'mutation($input: CreateCustomerOrganisationInput!) { createCustomerOrganisation(input: $input) { id } }',
    variables: () => ({
      input: { name: unique('Customer'), firstAdministrator: { username: username('customer'), email: 'c@example.com', firstName: 'C', lastName: 'X' } },
    }),
    allowed: ['managerA', 'ownerA'],
  },
  {
    field: 'makeCustomerIndependent',
    kind: 'mutation',
    document: 'mutation($id: ID!, $owner: ID!) { makeCustomerIndependent(organisationId: $id, ownerUserId: $owner) { id } }',
    variables: async (world) => {
      const customer = await world.a1.createCustomer(unique('Leaving'));
      const administrator = await customer.createUser('ADMINISTRATOR');
      return { id: customer.id, owner: administrator.id };
    },
    allowed: ['ownerA'],
  },
  {
    field: 'createRole',
    kind: 'mutation',
    document: 'mutation($input: CreateRoleInput!) { createRole(input: $input) { id } }',
    variables: (world) => ({ input: { organisationId: world.a1.id, name: unique('Night shift'), permissions: ['chats.access'] } }),
    allowed: ['managerA', 'ownerA'],
  },
  {
    field: 'updateRole',
    kind: 'mutation',
    document: 'mutation($id: ID!, $name: String!) { updateRole(id: $id, input: { name: $name }) { id } }',
    variables: async (world) => ({ id: (await customRole(world)).id, name: unique('Renamed') }),
    allowed: ['managerA', 'ownerA'],
  },
  {
    field: 'deleteRole',
    kind: 'mutation',
    document: 'mutation($id: ID!) { deleteRole(id: $id) }',
    variables: async (world) => ({ id: (await customRole(world)).id }),
    allowed: ['managerA', 'ownerA'],
  },
  {
    field: 'assignRole',
    kind: 'mutation',
    document: 'mutation($userId: ID!, $roleId: ID!) { assignRole(userId: $userId, roleId: $roleId) { id } }',
    variables: async (world) => ({ userId: (await world.a1.createUser('OPERATOR')).id, roleId: (await customRole(world)).id }),
    allowed: ['managerA', 'ownerA'],
  },
  {
    field: 'promoteUser',
    kind: 'mutation',
    document: 'mutation($userId: ID!, $ids: [ID!]!) { promoteUser(userId: $userId, organisationIds: $ids) { id } }',
    variables: async (world) => ({ userId: (await world.a2.createUser('OPERATOR')).id, ids: [world.a1.id] }),
    allowed: ['ownerA'],
  },
  {
    field: 'updateAccountOnboardingPolicy',
    kind: 'mutation',
    // The default policy again, so that no other row sees a changed one.
    document: 'mutation { updateAccountOnboardingPolicy(input: { initialPasswords: false }) { id } }',
    variables: () => ({}),
    allowed: ['ownerA'],
  },
  {
    field: 'demoteUser',
    kind: 'mutation',
    document: 'mutation($userId: ID!) { demoteUser(userId: $userId) { id } }',
    variables: (world) => ({ userId: world.colleague.id }),
    allowed: ['ownerA'],
  },
  {
    field: 'users',
    kind: 'query',
    document: 'query($id: ID!) { users(organisationId: $id) { edges { node { id } } } }',
    variables: (world) => ({ id: world.a1.id }),
    allowed: seesA1,
  },
  {
    field: 'invitations',
    kind: 'query',
    document: 'query($id: ID!) { invitations(organisationId: $id) { edges { node { id } } } }',
    variables: async (world) => {
      await invitationInA1(world);
      return { id: world.a1.id };
    },
    allowed: administersA1,
  },
  {
    field: 'usersCsv',
    kind: 'query',
    document: 'query($id: ID!) { usersCsv(organisationId: $id) }',
    variables: (world) => ({ id: world.a1.id }),
    allowed: administersA1,
  },
  {
    field: 'auditEvents',
    kind: 'query',
    document: 'query($id: ID!) { auditEvents(organisationId: $id) { edges { node { id } } } }',
    variables: (world) => ({ id: world.a1.id }),
    allowed: administersA1,
  },
  { field: 'transferTargets', kind: 'query', document: '{ transferTargets { id } }', variables: () => ({}), allowed: chats },
  {
    field: 'refreshSession',
    kind: 'mutation',
    document: 'mutation($token: String!) { refreshSession(refreshToken: $token) { accessToken } }',
    variables: async (world) => ({ token: (await world.colleague.openSession()).refreshToken }),
    allowed: everyone,
  },
  {
    field: 'switchOrganisation',
    kind: 'mutation',
    document: 'mutation($id: ID!) { switchOrganisation(organisationId: $id) { accessToken } }',
    variables: (world) => ({ id: world.a1.id }),
    allowed: seesA1,
  },
  {
    field: 'activateAccount',
    kind: 'mutation',
    document: 'mutation($token: String!) { activateAccount(token: $token, password: "a long matrix passphrase") { accessToken } }',
    variables: async (world) => ({ token: await activationToken(world) }),
    allowed: everyone,
  },
  {
    field: 'resendActivation',
    kind: 'mutation',
    document: 'mutation($id: ID!) { resendActivation(userId: $id) }',
    variables: async (world) => ({ id: await userOfA1(world, UserStatus.INVITED) }),
    allowed: administersA1,
  },
  {
    field: 'inviteUser',
    kind: 'mutation',
    document: 'mutation($input: InviteUserInput!) { inviteUser(input: $input) { id } }',
    variables: (world) => ({
      input: { organisationId: world.a1.id, email: `${username('invited')}@example.com`, firstName: 'I', lastName: 'V', language: 'EN', roleKey: 'OPERATOR' },
    }),
    allowed: administersA1,
  },
  {
    field: 'revokeInvitation',
    kind: 'mutation',
    document: 'mutation($id: ID!) { revokeInvitation(id: $id) }',
    variables: async (world) => ({ id: (await invitationInA1(world)).id }),
    allowed: administersA1,
  },
  ...(
    [
      ['suspendUser', UserStatus.ACTIVE],
      ['restoreAccess', UserStatus.SUSPENDED],
      ['unlockUser', UserStatus.LOCKED],
      ['archiveUser', UserStatus.ACTIVE],
      ['restoreUser', UserStatus.ARCHIVED],
    ] as const
  ).map(([field, status]): OperationRow => ({
    field,
    kind: 'mutation',
    document: `mutation($id: ID!) { ${field}(id: $id) { id } }`,
    variables: async (world) => ({ id: await userOfA1(world, status) }),
    allowed: administersA1,
  })),
  {
    field: 'deleteUser',
    kind: 'mutation',
    document: 'mutation($id: ID!) { deleteUser(id: $id) }',
    variables: async (world) => ({ id: await userOfA1(world, UserStatus.ACTIVE) }),
    allowed: administersA1,
  },
  {
    field: 'userDeletionPreview',
    kind: 'query',
    document: 'query($id: ID!) { userDeletionPreview(id: $id) { openSessions operatorGroupMemberships } }',
    variables: async (world) => ({ id: await userOfA1(world, UserStatus.ACTIVE) }),
    allowed: administersA1,
  },
  {
    field: 'requestPasswordReset',
    kind: 'mutation',
    document: 'mutation($name: String!) { requestPasswordReset(usernameOrEmail: $name) }',
    variables: (world) => ({ name: world.colleague.record.username }),
    allowed: everyone,
  },
  {
    field: 'resetPassword',
    kind: 'mutation',
    document: 'mutation($token: String!) { resetPassword(token: $token, password: "another long passphrase") }',
    variables: async (world) => ({ token: await resetToken(world) }),
    allowed: everyone,
  },
  {
    field: 'confirmEmailChange',
    kind: 'mutation',
    document: 'mutation($token: String!) { confirmEmailChange(token: $token) }',
    variables: async (world) => ({ token: await emailChangeToken(world) }),
    allowed: everyone,
  },
  {
    // Sets the same password again, so that later rows (enableTotp, disableTotp) can still give it.
    field: 'changePassword',
    kind: 'mutation',
    document: 'mutation { changePassword(currentPassword: "correct horse battery staple", newPassword: "correct horse battery staple") }',
    variables: () => ({}),
    allowed: signedIn,
  },
  {
    field: 'updateMyPreferences',
    kind: 'mutation',
    document: 'mutation { updateMyPreferences(input: { landingPage: "inbox" }) { id } }',
    variables: () => ({}),
    allowed: signedIn,
  },
  { field: 'setMyAvailability', kind: 'mutation', document: 'mutation { setMyAvailability(status: ONLINE) { id } }', variables: () => ({}), allowed: signedIn },
  {
    field: 'enableTotp',
    kind: 'mutation',
    document: 'mutation { enableTotp(currentPassword: "correct horse battery staple") { uri } }',
    variables: () => ({}),
    allowed: signedIn,
  },
  {
    field: 'confirmTotp',
    kind: 'mutation',
    document: 'mutation { confirmTotp(code: "000000") }',
    variables: () => ({}),
    allowed: signedIn,
    judge: 'authorization',
  },
  {
    field: 'disableTotp',
    kind: 'mutation',
    document: 'mutation { disableTotp(currentPassword: "correct horse battery staple", code: "000000") }',
    variables: () => ({}),
    allowed: signedIn,
    judge: 'authorization',
  },
  {
    // The default onboarding policy refuses the password itself (BAD_USER_INPUT) only after the authorization checks.
    field: 'setUserPassword',
    kind: 'mutation',
    document: 'mutation($id: ID!) { setUserPassword(userId: $id, password: "handed over at the desk") { id } }',
    variables: async (world) => ({ id: await userOfA1(world, UserStatus.ACTIVE) }),
    allowed: administersA1,
    judge: 'authorization',
  },
  {
    field: 'resetTotp',
    kind: 'mutation',
    document: 'mutation($id: ID!) { resetTotp(userId: $id) { id } }',
    variables: async (world) => ({ id: await userOfA1WithTotp(world) }),
    allowed: administersA1,
  },
  {
    field: 'createUser',
    kind: 'mutation',
    document: 'mutation($input: CreateUserInput!) { createUser(input: $input) { id } }',
    variables: (world) => ({
      input: { organisationId: world.a1.id, username: username('created'), email: 'created@example.com', firstName: 'C', lastName: 'U', roleKey: 'OPERATOR' },
    }),
    allowed: administersA1,
  },
  {
    field: 'updateUser',
    kind: 'mutation',
    document: 'mutation($id: ID!) { updateUser(id: $id, input: { screenName: "Matrix" }) { id } }',
    variables: (world) => ({ id: world.colleague.id }),
    allowed: administersA1,
  },
];

/** Entity types: resolved through `_entities` straight at each subgraph that can resolve them. */
export interface EntityRow {
  type: string;
  subgraph: string;
  /** The representation of an object of organisation A1. */
  representation: (world: World) => Record<string, unknown>;
  selection: string;
  allowed: readonly Persona[];
}

export const ENTITY_ROWS: EntityRow[] = [
  {
    type: 'Organisation',
    subgraph: 'organisations',
    representation: (world) => ({ __typename: 'Organisation', id: world.a1.id }),
    selection: 'id name',
    allowed: seesA1,
  },
  { type: 'User', subgraph: 'users', representation: (world) => ({ __typename: 'User', id: world.colleague.id }), selection: 'id username', allowed: seesA1 },
  // A pending email address is for the user and whoever may edit users of A1, not for every colleague who sees them.
  {
    type: 'User',
    subgraph: 'users',
    representation: (world) => ({ __typename: 'User', id: world.colleague.id }),
    selection: 'id pendingEmail',
    allowed: administersA1,
  },
  // The session's organisations are read back by the user themself only; the account owner asking about operatorA is refused too.
  {
    type: 'User',
    subgraph: 'users',
    representation: (world) => ({ __typename: 'User', id: world.users.operatorA.id }),
    selection: 'id activeOrganisation { id }',
    allowed: ['operatorA'],
  },
  {
    type: 'User',
    subgraph: 'users',
    representation: (world) => ({ __typename: 'User', id: world.users.operatorA.id }),
    selection: 'id accessibleOrganisations { id }',
    allowed: ['operatorA'],
  },
  // The inboxes live in the organisations subgraph, which judges the user by the organisation the users subgraph sent (@requires).
  {
    type: 'User',
    subgraph: 'organisations',
    representation: (world) => ({ __typename: 'User', id: world.colleague.id, organisation: { id: world.a1.id } }),
    selection: 'id inboxes { id }',
    allowed: seesA1,
  },
  // The account-level audit trail: the owner's alone; other users of the account are refused, other accounts resolve to null.
  {
    type: 'Account',
    subgraph: 'users',
    representation: (world) => ({ __typename: 'Account', id: world.alpha.record.id }),
    selection: 'id auditEvents { totalCount }',
    allowed: ['ownerA'],
  },
  {
    type: 'User',
    subgraph: 'permissions',
    representation: (world) => ({ __typename: 'User', id: world.colleague.id }),
    selection: 'id role { key }',
    allowed: seesA1,
  },
];
