import type { UserRecord } from '@tenantry/users-module';
import { DEFAULT_LANGUAGE, isLanguage } from '@tenantry/config';
import { toPreferences } from '../preferences/preferences.mapper';
import { User } from './user.type';

export function toUser(record: UserRecord): User {
  return Object.assign(new User(), {
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
    preferences: toPreferences(record.preferences),
    mustChangePassword: record.mustChangePassword,
    tfaEnabled: record.totpEnabled,
    archivedAt: record.archivedAt,
    organisation: { id: record.organisationId },
    lastLoginAt: record.lastLoginAt,
    createdAt: record.createdAt,
  });
}
