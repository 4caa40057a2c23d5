import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { IsEmail, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { InvitationStatus } from '@tenantry/users-module';
import { ConnectionType, IsNameText } from '@tenantry/federation';
import { Language } from '../preferences/preferences.type';
import { USERNAME_PATTERN } from '../user/user.inputs';

registerEnumType(InvitationStatus, {
  name: 'InvitationStatus',
  description: 'PENDING until accepted (ACCEPTED), revoked (REVOKED: the invited user is deleted, the invitation stays listed) or past its expiry (EXPIRED).',
  valuesConfig: {
    PENDING: { description: 'Sent; the link works until expiresAt.' },
    ACCEPTED: { description: 'The invited user activated their account with the link.' },
    EXPIRED: { description: 'Not accepted before expiresAt; resendActivation sends a new link.' },
    REVOKED: { description: 'Withdrawn with revokeInvitation; the invited user was deleted.' },
  },
});

@ObjectType({ description: 'An invitation by email; the invited user exists with status INVITED meanwhile.' })
export class Invitation {
  @Field(() => ID, { description: 'Stable identifier of the invitation; pass it to revokeInvitation.' })
  id: string;

  /** Not exposed: for rules and scoping. */
  organisationId: string;

  /** Not exposed: the invited user, resolved through the scoped loader. */
  userId: string | null;

  @Field({ description: 'Where the invitation was sent.' })
  email: string;

  @Field(() => Language, { description: "The invited user's preferred language; the mail is written in it." })
  language: Language;

  @Field({ description: 'Key of the role the user gets.' })
  roleKey: string;

  @Field(() => InvitationStatus, { description: 'Where the invitation stands; a pending one past its expiry reads EXPIRED.' })
  status: InvitationStatus;

  @Field({ description: 'When the current link stops working.' })
  expiresAt: Date;

  @Field({ description: 'When the invitation was first sent.' })
  createdAt: Date;
}

export const InvitationConnection = ConnectionType(Invitation, 'Invitation');

@InputType({ description: 'Invites somebody by email: they accept with activateAccount and choose a password.' })
export class InviteUserInput {
  @Field(() => ID, { description: 'The organisation the user will belong to, forever.' })
  organisationId: string;

  @Field({ description: 'Where the invitation goes.' })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(191)
  email: string;

  @Field({ description: 'First name, 1–100 characters.' })
  @Length(1, 100)
  @IsNameText()
  firstName: string;

  @Field({ description: 'Last name, 1–100 characters.' })
  @Length(1, 100)
  @IsNameText()
  lastName: string;

  @Field(() => Language, { description: 'Preferred language of the user and of the invitation mail.' })
  language: Language;

  @Field({ description: 'Key of the role, e.g. MEMBER, MODERATOR or ADMINISTRATOR in a customer organisation.' })
  @Length(1, 64)
  roleKey: string;

  @Field(() => String, { nullable: true, description: 'The login; default the email address. Case-sensitive, unique, never changed.' })
  @IsOptional()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3–191 characters of letters, digits and . _ @ + -' })
  @IsNameText()
  username?: string | null;
}
