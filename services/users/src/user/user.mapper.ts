import type { UserRecord } from '@tenantry/users-module';
import { DEFAULT_LANGUAGE, isLanguage } from '@tenantry/config';
import { toPreferences } from '../preferences/preferences.mapper';
import type { Preferences } from '../preferences/preferences.type';
import { User } from './user.type';

/** The columns toUser reads; secrets and counters stay in the database. */
const USER_FIELDS = [
  'id',
  'organisationId',
  'username',
  'email',
  'pendingEmail',
  'firstName',
  'lastName',
  'middleName',
  'screenName',
  'avatarUrl',
  'mobile',
  'language',
  'status',
  'availability',
  'preferences',
  'mustChangePassword',
  'totpEnabled',
  'archivedAt',
  'lastLoginAt',
  'createdAt',
] as const satisfies readonly (keyof UserRecord)[];

/** USER_FIELDS as a query builder's select list for the users table aliased `alias`. */
export function userColumns(alias: string): string[] {
  return USER_FIELDS.map((field) => `${alias}.${field}`);
}

/** A users row as userColumns selects it: toUser can read no column the select leaves out. */
export type SelectedUser = Pick<UserRecord, (typeof USER_FIELDS)[number]>;

export function toUser(record: SelectedUser): User {
  const user = Object.assign(new User(), {
    id: record.id,
    organisationId: record.organisationId,
    username: record.username,
    email: record.email,
    pendingEmail: record.pendingEmail,
    firstName: record.firstName,
    lastName: record.lastName,
    middleName: record.middleName,
    screenName: record.screenName,
    avatarUrl: record.avatarUrl,
    mobile: record.mobile,
    language: isLanguage(record.language) ? record.language : DEFAULT_LANGUAGE,
    status: record.status,
    availability: record.availability,
    mustChangePassword: record.mustChangePassword,
    tfaEnabled: record.totpEnabled,
    archivedAt: record.archivedAt,
    organisation: { id: record.organisationId },
    lastLoginAt: record.lastLoginAt,
    createdAt: record.createdAt,
  });
  // Mapped on first read: a page of users seldom asks for them, and mapping every row's stood out in the profile of a users page.
  let preferences: Preferences | undefined;
  Object.defineProperty(user, 'preferences', { enumerable: true, get: () => (preferences ??= toPreferences(record.preferences)) });
  return user;
}
