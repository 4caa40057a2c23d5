import { graphqlError, hashPassword } from '@tenantry/auth';
import type { EntityManager } from '@tenantry/database';
import { In, IsNull, isUniqueViolation } from '@tenantry/database';
import { randomUUID } from 'node:crypto';
import { SessionRecord } from '../session/session.entity';
import { insertUserSearchTerms } from '../user-search/user-search';
import type { UserStatus } from './user.entity';
import { UserRecord } from './user.entity';

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
  await insertUserSearchTerms(manager, user);
  return user;
}

/**
 * Gives the users of these usernames a new password (its hash, computed before the transaction)
 * and a clean failure count; a new password ends the sessions opened with the old one.
 */
export async function replacePasswordsByUsername(manager: EntityManager, usernames: string[], passwordHash: string, now = new Date()): Promise<void> {
  const users = await manager.find(UserRecord, { select: { id: true }, where: { username: In(usernames) } });
  await manager.update(UserRecord, { username: In(usernames) }, { passwordHash, failedLoginCount: 0 });
  if (users.length) await manager.update(SessionRecord, { userId: In(users.map((user) => user.id)), revokedAt: IsNull() }, { revokedAt: now });
}
