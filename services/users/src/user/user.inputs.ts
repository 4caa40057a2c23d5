import { IsEmail, IsOptional, IsUrl, Length, Matches, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int } from 'type-graphql';
import { UserStatus } from '@tenantry/users-module';
import { IsNameText } from '@tenantry/federation';
import { Language } from '../preferences/preferences.type';

/** The login: letters, digits and . _ @ + - (so an email address fits), 3–191 characters. */
export const USERNAME_PATTERN = /^[A-Za-z0-9._@+-]{3,191}$/;
const MOBILE_PATTERN = /^\+?[0-9 ()-]{4,32}$/;

@InputType({
  description:
    "A user created directly. Which of email, first and last name are required, and whether an initial password may be set, is the account's onboarding policy " +
    '(by default email, first and last name, no initial password). Without a password the user starts INVITED and gets two mails: the username, then a single-use activation link; ' +
    'with one they start ACTIVE, must change it at first sign-in, and get at most the username mail. A user without email gets no mail.',
})
export class CreateUserInput {
  @Field(() => ID, { description: 'The organisation the user will belong to, forever.' })
  organisationId: string;

  @Field(() => String, { nullable: true, description: 'The login: case-sensitive, unique, never changed. Required unless useEmailAsUsername.' })
  @IsOptional()
  @Matches(USERNAME_PATTERN, { message: 'username must be 3–191 characters of letters, digits and . _ @ + -' })
  @IsNameText()
  username?: string | null;

  @Field({ nullable: true, defaultValue: false, description: 'Use the email address as the username.' })
  useEmailAsUsername: boolean;

  @Field(() => String, {
    nullable: true,
    description: "Where mails go unless sendMailsTo says otherwise; required unless the account's onboarding policy made it optional.",
  })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(191)
  email?: string | null;

  @Field(() => String, { nullable: true, description: "First name, 1–100 characters; required unless the account's onboarding policy made it optional." })
  @IsOptional()
  @Length(1, 100)
  @IsNameText()
  firstName?: string | null;

  @Field({ description: 'Last name, 1–100 characters.' })
  @Length(1, 100)
  @IsNameText()
  lastName: string;

  @Field(() => String, { nullable: true, description: 'Optional patronymic.' })
  @IsOptional()
  @Length(1, 100)
  @IsNameText()
  middleName?: string | null;

  @Field(() => String, { nullable: true, description: 'The name visitors see; defaults to "First Last".' })
  @IsOptional()
  @Length(1, 200)
  @IsNameText()
  screenName?: string | null;

  @Field(() => String, { nullable: true, description: 'Profile picture (https URL).' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'avatarUrl must be an https URL' })
  @MaxLength(500)
  avatarUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Mobile number for notifications.' })
  @IsOptional()
  @Matches(MOBILE_PATTERN, { message: 'mobile must be a phone number' })
  mobile?: string | null;

  @Field(() => Language, { nullable: true, description: "Interface and mail language; default the organisation's." })
  @IsOptional()
  language?: Language | null;

  @Field({ description: "Key of one of the organisation's roles; it may not grant more than the caller holds." })
  @Length(1, 64)
  roleKey: string;

  @Field(() => [ID], { nullable: true, description: "Operator groups (inboxes); default the organisation's first one." })
  @IsOptional()
  inboxIds?: string[] | null;

  @Field(() => String, { nullable: true, description: "Send both mails to this address instead of the user's." })
  @IsOptional()
  @IsEmail({}, { message: 'sendMailsTo must be an email address' })
  sendMailsTo?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "An initial password, when the account's onboarding policy lets administrators set one: the user is ACTIVE at once, gets no activation link, " +
      'and must change it at first sign-in. Never mailed. Same rules as any password.',
  })
  @IsOptional()
  initialPassword?: string | null;

  @Field(() => [ID], { nullable: true, description: 'Widgets (sites) of the organisation the user is limited to; omitted, null or empty: all of them.' })
  @IsOptional()
  visibleWidgetIds?: string[] | null;
}

@InputType({ description: 'Changes to a user; omitted fields stay as they are. The organisation can never change.' })
export class UpdateUserInput {
  @Field(() => String, { nullable: true, description: 'Never changeable: sending it is rejected with BAD_USER_INPUT.' })
  username?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A new address. It becomes the email only once confirmed from a link mailed to it (until then it shows as pendingEmail, ' +
      'and the current address is told); for a user not yet activated it applies at once and their activation link is sent to it anew. ' +
      'The current address withdraws a pending change.',
  })
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(191)
  email?: string;

  @Field(() => String, { nullable: true, description: 'First name, 1–100 characters.' })
  @IsOptional()
  @Length(1, 100)
  @IsNameText()
  firstName?: string;

  @Field(() => String, { nullable: true, description: 'Last name, 1–100 characters.' })
  @IsOptional()
  @Length(1, 100)
  @IsNameText()
  lastName?: string;

  @Field(() => String, { nullable: true, description: 'Optional patronymic; null clears it.' })
  @IsOptional()
  @Length(1, 100)
  @IsNameText()
  middleName?: string | null;

  @Field(() => String, { nullable: true, description: 'The name visitors see.' })
  @IsOptional()
  @Length(1, 200)
  @IsNameText()
  screenName?: string;

  @Field(() => String, { nullable: true, description: 'Profile picture (https URL); null clears it.' })
  @IsOptional()
  @IsUrl({ protocols: ['https'], require_protocol: true }, { message: 'avatarUrl must be an https URL' })
  @MaxLength(500)
  avatarUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'Mobile number; null clears it.' })
  @IsOptional()
  @Matches(MOBILE_PATTERN, { message: 'mobile must be a phone number' })
  mobile?: string | null;

  @Field(() => Language, { nullable: true, description: 'Interface and mail language.' })
  @IsOptional()
  language?: Language;

  @Field(() => [ID], { nullable: true, description: 'Operator groups (inboxes) of the organisation; replaces the current ones.' })
  @IsOptional()
  inboxIds?: string[];

  @Field(() => [ID], {
    nullable: true,
    description: "Widgets (sites) of the user's organisation the user is limited to, replacing the current choice; null or empty: all of them.",
  })
  @IsOptional()
  visibleWidgetIds?: string[] | null;
}

/** Longest `search` text: more than any name or address it can match, and within every database's LIKE limits. */
export const MAX_SEARCH_LENGTH = 200;

@ArgsType()
export class UsersArgs {
  @Field(() => ID, { description: 'The organisation whose users to list; one the caller may see.' })
  organisationId: string;

  @Field(() => [UserStatus], { nullable: true, description: 'Statuses to show; default all but ARCHIVED.' })
  status?: UserStatus[] | null;

  @Field(() => String, {
    nullable: true,
    description: `Finds users whose username, email, first, last or screen name has a word starting with this text, ignoring case and accents; at most ${MAX_SEARCH_LENGTH} characters.`,
  })
  @IsOptional()
  @MaxLength(MAX_SEARCH_LENGTH, { message: `search must be at most ${MAX_SEARCH_LENGTH} characters` })
  search?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'endCursor of the previous page.' })
  after?: string | null;
}
