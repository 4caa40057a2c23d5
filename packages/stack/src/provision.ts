import { randomUUID } from 'node:crypto';
import {
  AccountRecord, EntityManager, OrganisationKind, OrganisationRecord, PrivacySettings, RoleAssignmentRecord, RoleRecord, UserRecord, UserStatus,
} from '@tenantry/database';
import { BUILT_IN_ROLES, hashPassword } from '@tenantry/auth';

const DEFAULT_PRIVACY: PrivacySettings = { transcriptRetentionDays: 90, anonymiseVisitorIp: true };

/** Built-in roles of an organisation kind; OWNER exists only in an account's default organisation. */
function builtInRoleKeys(kind: OrganisationKind): string[] {
  if (kind === OrganisationKind.CUSTOMER) return ['ADMINISTRATOR', 'MODERATOR', 'MEMBER'];
  return kind === OrganisationKind.DEFAULT ? ['OWNER', 'MANAGER', 'OPERATOR'] : ['MANAGER', 'OPERATOR'];
}

export interface NewOrganisation {
  accountId: string;
  kind: OrganisationKind;
  name: string;
  language?: string;
  location?: string | null;
  managingOrganisationId?: string | null;
}

/** Creates an organisation with its built-in roles. */
export async function createOrganisationWithRoles(manager: EntityManager, input: NewOrganisation): Promise<OrganisationRecord> {
  const now = new Date();
  const organisation = manager.create(OrganisationRecord, {
    id: randomUUID(),
    accountId: input.accountId,
    kind: input.kind,
    name: input.name,
    language: input.language ?? 'en',
    location: input.location ?? null,
    managingOrganisationId: input.managingOrganisationId ?? null,
    privacy: DEFAULT_PRIVACY,
    createdAt: now,
  });
  await manager.insert(OrganisationRecord, organisation);
  const roles = builtInRoleKeys(input.kind).map((key) =>
    manager.create(RoleRecord, {
      id: randomUUID(),
      organisationId: organisation.id,
      key,
      name: BUILT_IN_ROLES[key].name,
      builtIn: true,
      permissions: BUILT_IN_ROLES[key].permissions,
      createdAt: now,
    }),
  );
  await manager.insert(RoleRecord, roles);
  return organisation;
}

/** Creates an account, its DEFAULT organisation (same name) and built-in roles. */
export async function createAccount(manager: EntityManager, name: string, seatLimit: number) {
  const account = manager.create(AccountRecord, { id: randomUUID(), name, seatLimit, ownerUserId: null, createdAt: new Date() });
  await manager.insert(AccountRecord, account);
  const organisation = await createOrganisationWithRoles(manager, { accountId: account.id, kind: OrganisationKind.DEFAULT, name });
  return { account, organisation };
}

export interface NewUser {
  organisationId: string;
  username: string;
  roleKey: string;
  password?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  status?: UserStatus;
}

/** Creates a user holding one of the organisation's roles; active when a password is given. */
export async function createUserWithRole(manager: EntityManager, input: NewUser): Promise<UserRecord> {
  const role = await manager.findOneByOrFail(RoleRecord, { organisationId: input.organisationId, key: input.roleKey });
  const firstName = input.firstName ?? input.username.split('.')[0];
  const lastName = input.lastName ?? 'Example';
  const now = new Date();
  const user = manager.create(UserRecord, {
    id: randomUUID(),
    organisationId: input.organisationId,
    username: input.username,
    email: input.email ?? `${input.username}@example.com`,
    firstName,
    lastName,
    middleName: null,
    screenName: `${firstName} ${lastName}`,
    status: input.status ?? (input.password ? UserStatus.ACTIVE : UserStatus.INVITED),
    passwordHash: input.password ? await hashPassword(input.password) : null,
    failedLoginCount: 0,
    lastLoginAt: null,
    createdAt: now,
  });
  await manager.insert(UserRecord, user);
  await manager.insert(RoleAssignmentRecord, { userId: user.id, roleId: role.id, assignedAt: now });
  return user;
}

/** Makes a user the owner of their account. */
export async function makeOwner(manager: EntityManager, accountId: string, userId: string): Promise<void> {
  await manager.update(AccountRecord, { id: accountId }, { ownerUserId: userId });
}
