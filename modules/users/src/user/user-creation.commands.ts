import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@tenantry/database';
import { isUniqueViolation } from '@tenantry/database';
import { graphqlError, hashPassword } from '@tenantry/auth';
import { UserRecord } from './user.entity';
import type { UserStatus } from './user.entity';

/** A user row as its creator decides it; the rest (id, times, counters, second factor) starts empty. */
export interface NewUserRecord {
  organisationId: string;
  username: string;
  email: string | null;
  firstName: string | null;
  lastName: string;
  middleName: string | null;
  screenName: string;
  language: string;
  status: UserStatus;
  /** Stored only as its hash; without one the user cannot sign in until they choose a password. */
  password?: string;
  /** The password was set by somebody else; the user must change it before anything else. */
  mustChangePassword?: boolean;
}

/** Inserts a user; a taken username (exact case) is USERNAME_TAKEN, also for every loser of a race for it. */
export async function insertUser(manager: EntityManager, input: NewUserRecord, now = new Date()): Promise<UserRecord> {
  if (await manager.existsBy(UserRecord, { username: input.username })) {
    throw graphqlError('USERNAME_TAKEN', 'That username is taken.');
  }
  const user = manager.create(UserRecord, {
    id: randomUUID(),
    organisationId: input.organisationId,
    username: input.username,
    email: input.email,
    pendingEmail: null,
    firstName: input.firstName,
    lastName: input.lastName,
    middleName: input.middleName,
    screenName: input.screenName,
    avatarUrl: null,
    mobile: null,
    language: input.language,
    status: input.status,
    archivedAt: null,
    preferences: null,
    totpSecret: null,
    totpEnabled: false,
    passwordHash: input.password ? await hashPassword(input.password) : null,
    mustChangePassword: input.mustChangePassword ?? false,
    failedLoginCount: 0,
    lastLoginAt: null,
    createdAt: now,
    updatedAt: now,
  });
  await manager.insert(UserRecord, user).catch((error) => {
    // Two requests raced for one username: the loser gets the same answer as a later request.
    throw isUniqueViolation(error, 'uq_users_username', ['username']) ? graphqlError('USERNAME_TAKEN', 'That username is taken.') : error;
  });
  return user;
}
