import { UserRecord } from '@tenantry/database';
import { User } from './user.type';

export function toUser(record: UserRecord): User {
  return Object.assign(new User(), {
    id: record.id,
    organisationId: record.organisationId,
    username: record.username,
    email: record.email,
    firstName: record.firstName,
    lastName: record.lastName,
    middleName: record.middleName,
    screenName: record.screenName,
    status: record.status,
    organisation: { id: record.organisationId },
    lastLoginAt: record.lastLoginAt,
    createdAt: record.createdAt,
  });
}
