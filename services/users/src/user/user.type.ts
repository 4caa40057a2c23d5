import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Availability, UserStatus } from '@tenantry/users-module';
import { RESTORE_WINDOW_DAYS } from '@tenantry/config';
import { ConnectionType } from '@tenantry/federation';
import { MAX_FAILED_LOGINS } from '../lockout/lockout';
import { Language, Preferences } from '../preferences/preferences.type';

registerEnumType(UserStatus, {
  name: 'UserStatus',
  description: `INVITED until activated; SUSPENDED and LOCKED deny access; ARCHIVED is restorable for ${RESTORE_WINDOW_DAYS} days.`,
  valuesConfig: {
    INVITED: { description: 'Created or invited, not activated yet: cannot log in, but holds a seat.' },
    ACTIVE: { description: 'May log in.' },
    SUSPENDED: { description: 'Access denied by an administrator until restoreAccess; sessions ended.' },
    LOCKED: { description: `Locked after ${MAX_FAILED_LOGINS} failed logins until unlockUser or a password reset; the user is told by mail.` },
    ARCHIVED: { description: `Access ended and seat freed; restoreUser brings the user back within ${RESTORE_WINDOW_DAYS} days.` },
  },
});

/** Stub of the organisations subgraph's entity: users only know its id. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Organisation {
  @Field(() => ID)
  id: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A person who logs in. Belongs to exactly one organisation, forever.' })
export class User {
  @Field(() => ID, { description: 'Stable identifier of the user.' })
  id: string;

  /** Not exposed: the organisation the user belongs to, for rules and scoping. */
  organisationId: string;

  @Field({ description: 'The login: case-sensitive, unique, never changed.' })
  username: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The confirmed address: mail, including activation and password-reset links, goes only here. Null for a user created without one, as the account's onboarding policy may allow.",
  })
  email: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'An address the email is to change to, waiting for confirmation from that address; null when none is. ' +
      'Only the user and whoever may edit users of their organisation see it.',
  })
  pendingEmail: string | null;

  @Field(() => String, { nullable: true, description: "First name; null only when the account's onboarding policy made it optional." })
  firstName: string | null;

  @Field({ description: 'Last name.' })
  lastName: string;

  @Field(() => String, { nullable: true, description: 'Optional patronymic.' })
  middleName: string | null;

  @Field({ description: 'The name visitors see; defaults to first and last name.' })
  screenName: string;

  @Field(() => String, { nullable: true, description: 'Profile picture shown to visitors in chats.' })
  avatarUrl: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Mobile number for notifications; masked unless the viewer is the user or may see phone numbers.',
  })
  mobile: string | null;

  @Field(() => Language, { description: 'Interface and mail language.' })
  language: Language;

  @Field(() => UserStatus, { description: 'Whether the user may log in; see UserStatus.' })
  status: UserStatus;

  @Field(() => Availability, { description: 'Current availability; the default availability applies at every login.' })
  availability: Availability;

  @Field(() => Preferences, { description: 'Landing page, default availability, notifications and signatures; only the user themself sees them.' })
  preferences: Preferences;

  @Field({
    description:
      'The password was set by an administrator: until the user changes it (changePassword), every operation but me, changePassword, logout and refreshSession answers PASSWORD_CHANGE_REQUIRED.',
  })
  mustChangePassword: boolean;

  @Field({ description: 'Whether two-factor authentication (TOTP) is required at login.' })
  tfaEnabled: boolean;

  @Field(() => Date, { nullable: true, description: `When the user was archived; restorable for ${RESTORE_WINDOW_DAYS} days from then.` })
  archivedAt: Date | null;

  @Field(() => Organisation, {
    nullable: true,
    description:
      "The organisation the user belongs to, forever. Null only when the organisations subgraph fails, so that the user's other fields still answer.",
  })
  organisation: Organisation;

  @Field(() => Organisation, {
    nullable: true,
    description:
      'The organisation the session acts in: the home organisation, or the one `switchOrganisation` switched to. ' +
      'Only the signed-in user themself sees it.',
  })
  activeOrganisation?: Organisation | null;

  @Field(() => [Organisation], {
    description:
      'Every organisation the caller may see and switch to: their own, or for the account owner and promoted users ' +
      'the granted ones too. The whole list, never cut short. Only the signed-in user themself sees it.',
  })
  accessibleOrganisations?: Organisation[];

  @Field(() => Date, { nullable: true, description: 'When the user last logged in successfully.' })
  lastLoginAt: Date | null;

  @Field({ description: 'When the user was created.' })
  createdAt: Date;
}

export const UserConnection = ConnectionType(User, 'User');
