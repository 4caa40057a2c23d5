import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@tenantry/database';
import { findOneForUpdate, isUniqueViolation } from '@tenantry/database';
import { OperatorGroupMemberRecord, OperatorGroupRecord } from '@tenantry/organisations-module';
import { RoleAssignmentRecord, RoleRecord } from '@tenantry/permissions-module';
import { UserRecord, UserStatus } from '@tenantry/users-module';
import { DEFAULT_LANGUAGE } from '@tenantry/config';
import { graphqlError, hashPassword } from '@tenantry/auth';

export interface NewUser {
  organisationId: string;
  username: string;
  roleKey: string;
  password?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  middleName?: string | null;
  screenName?: string;
  language?: string;
  status?: UserStatus;
  /** Operator groups to join; default: the organisation's first group. */
  inboxIds?: string[];
}

/**
 * Creates a user holding one of the organisation's roles and sitting in its inboxes;
 * active when a password is given, else INVITED. A taken username is USERNAME_TAKEN.
 */
export async function createUserWithRole(manager: EntityManager, input: NewUser): Promise<UserRecord> {
  // Locked like deleteRole locks it: a racing deletion either sees this holder or deletes the role before this reads it.
  const role = await findOneForUpdate(manager, RoleRecord, { organisationId: input.organisationId, key: input.roleKey });
  if (!role) throw graphqlError('BAD_USER_INPUT', `Role ${input.roleKey} does not exist in this organisation.`);
  if (await manager.existsBy(UserRecord, { username: input.username })) {
    throw graphqlError('USERNAME_TAKEN', 'That username is taken.');
  }
  const firstName = input.firstName ?? input.username.split('.')[0];
  const lastName = input.lastName ?? 'Example';
  const now = new Date();
  const user = manager.create(UserRecord, {
    id: randomUUID(),
    organisationId: input.organisationId,
    username: input.username,
    email: input.email ?? `${input.username}@example.com`,
    pendingEmail: null,
    firstName,
    lastName,
    middleName: input.middleName ?? null,
    screenName: input.screenName ?? `${firstName} ${lastName}`,
    avatarUrl: null,
    mobile: null,
    language: input.language ?? DEFAULT_LANGUAGE,
    status: input.status ?? (input.password ? UserStatus.ACTIVE : UserStatus.INVITED),
    archivedAt: null,
    preferences: null,
    totpSecret: null,
    totpEnabled: false,
    passwordHash: input.password ? await hashPassword(input.password) : null,
    failedLoginCount: 0,
    lastLoginAt: null,
    createdAt: now,
    updatedAt: now,
  });
  await manager.insert(UserRecord, user).catch((error) => {
    // Two requests raced for one username: the loser gets the same answer as a later request.
    throw isUniqueViolation(error, 'uq_users_username', ['username']) ? graphqlError('USERNAME_TAKEN', 'That username is taken.') : error;
  });
  await manager.insert(RoleAssignmentRecord, { userId: user.id, roleId: role.id, assignedAt: now });
  const inboxIds = input.inboxIds ?? (await firstOperatorGroupId(manager, input.organisationId));
  if (inboxIds.length)
    await manager.insert(
      OperatorGroupMemberRecord,
      inboxIds.map((operatorGroupId) => ({ operatorGroupId, userId: user.id })),
    );
  return user;
}

async function firstOperatorGroupId(manager: EntityManager, organisationId: string): Promise<string[]> {
  const first = await manager.findOne(OperatorGroupRecord, { where: { organisationId }, order: { createdAt: 'ASC', id: 'ASC' } });
  return first ? [first.id] : [];
}
