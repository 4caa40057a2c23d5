import type { EntityManager } from '@tenantry/database';
import { addOperatorGroupMembers, findFirstOperatorGroupId } from '@tenantry/organisations-module';
import { assignRole, lockRoleByKey } from '@tenantry/permissions-module';
import { UserStatus, insertUser } from '@tenantry/users-module';
import { DEFAULT_LANGUAGE } from '@tenantry/config';
import { graphqlError } from '@tenantry/auth';

export interface NewUser {
  organisationId: string;
  username: string;
  roleKey: string;
  password?: string;
  /** Null creates a user without email (as an onboarding policy may allow); omitted invents one for demo data. */
  email?: string | null;
  firstName?: string | null;
  lastName?: string;
  middleName?: string | null;
  screenName?: string;
  language?: string;
  status?: UserStatus;
  /** The password was set by an administrator: the user must change it before anything else. */
  mustChangePassword?: boolean;
  /** Operator groups to join; default: the organisation's first group. */
  inboxIds?: string[];
}

/**
 * Creates a user holding one of the organisation's roles and sitting in its inboxes;
 * active when a password is given, else INVITED. A taken username is USERNAME_TAKEN.
 */
export async function createUserWithRole(manager: EntityManager, input: NewUser) {
  const role = await lockRoleByKey(manager, input.organisationId, input.roleKey);
  if (!role) throw graphqlError('BAD_USER_INPUT', `Role ${input.roleKey} does not exist in this organisation.`);
  const firstName = input.firstName === undefined ? input.username.split('.')[0] : input.firstName;
  const lastName = input.lastName ?? 'Example';
  const now = new Date();
  const user = await insertUser(
    manager,
    {
      organisationId: input.organisationId,
      username: input.username,
      email: input.email === undefined ? `${input.username}@example.com` : input.email,
      firstName,
      lastName,
      middleName: input.middleName ?? null,
      screenName: input.screenName ?? [firstName, lastName].filter(Boolean).join(' '),
      language: input.language ?? DEFAULT_LANGUAGE,
      status: input.status ?? (input.password ? UserStatus.ACTIVE : UserStatus.INVITED),
      password: input.password,
      mustChangePassword: input.mustChangePassword,
    },
    now,
  );
  await assignRole(manager, user.id, role.id, now);
  const inboxIds = input.inboxIds ?? (await firstOperatorGroupId(manager, input.organisationId));
  await addOperatorGroupMembers(
    manager,
    inboxIds.map((operatorGroupId) => ({ operatorGroupId, userId: user.id })),
  );
  return user;
}

async function firstOperatorGroupId(manager: EntityManager, organisationId: string): Promise<string[]> {
  const first = await findFirstOperatorGroupId(manager, organisationId);
  return first ? [first] : [];
}
