import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { IsIn, IsOptional, Length, MaxLength, ValidateNested } from 'class-validator';
import { Availability } from '@tenantry/users-module';
import { LANGUAGE_NAMES, LanguageCode, LANGUAGES } from '@tenantry/config';

registerEnumType(Availability, {
  name: 'Availability',
  description: 'Whether a user is reachable: ONLINE, AVAILABLE_FOR_CHAT (online and taking chats) or OFFLINE.',
  valuesConfig: {
    ONLINE: { description: 'Signed in and reachable by colleagues, but not taking new chats.' },
    AVAILABLE_FOR_CHAT: { description: 'Signed in and taking new chats from visitors.' },
    OFFLINE: { description: 'Not reachable.' },
  },
});

/** Interface and mail languages (docs/product.md#preferences): one enum value per code of LANGUAGES (EN = 'en', …); stored as the code. */
export const Language = Object.fromEntries(LANGUAGES.map((code) => [code.toUpperCase(), code])) as { readonly [C in LanguageCode as Uppercase<C>]: C };
export type Language = LanguageCode;

const languageNames = LANGUAGES.map((code) => LANGUAGE_NAMES[code]);
registerEnumType(Language, {
  name: 'Language',
  description: `Interface and mail language: ${languageNames.slice(0, -1).join(', ')} or ${languageNames[languageNames.length - 1]}.`,
  valuesConfig: Object.fromEntries(LANGUAGES.map((code) => [code.toUpperCase(), { description: `${LANGUAGE_NAMES[code]} (${code}).` }])),
});

/** Channels a user can sign replies on. */
export enum SignatureChannel {
  CHAT = 'CHAT',
  EMAIL = 'EMAIL',
  SMS = 'SMS',
  WHATSAPP = 'WHATSAPP',
  FACEBOOK = 'FACEBOOK',
  TWITTER = 'TWITTER',
}

registerEnumType(SignatureChannel, {
  name: 'SignatureChannel',
  description: 'A channel replies are sent on.',
  valuesConfig: {
    CHAT: { description: 'Website chat.' },
    EMAIL: { description: 'Email.' },
    SMS: { description: 'Text messages.' },
    WHATSAPP: { description: 'WhatsApp.' },
    FACEBOOK: { description: 'Facebook Messenger.' },
    TWITTER: { description: 'Twitter (X) direct messages.' },
  },
});

/** Pages a user can land on after login. */
export const LANDING_PAGES = ['dashboard', 'inbox', 'chats', 'publishing', 'reports', 'settings'] as const;

/** Notification switches; every one is on until the user switches it off. */
export const NOTIFICATION_KEYS = ['assignedToMe', 'failedPublication', 'newChat', 'customerUpdates'] as const;
export type NotificationKey = (typeof NOTIFICATION_KEYS)[number];

@ObjectType({ description: 'Which notifications the user gets; all on by default.' })
export class NotificationSettings {
  @Field({ description: 'A message or chat was assigned to the user.' })
  assignedToMe: boolean;

  @Field({ description: 'A scheduled publication could not be posted.' })
  failedPublication: boolean;

  @Field({ description: 'A new chat is waiting.' })
  newChat: boolean;

  @Field({ description: "Updates about the customer organisation's devices, tickets and sessions." })
  customerUpdates: boolean;
}

@ObjectType({ description: 'Text appended to replies on one channel, e.g. "^AR".' })
export class Signature {
  @Field(() => SignatureChannel, { description: 'The channel the signature is used on.' })
  channel: SignatureChannel;

  @Field({ description: 'The signature text.' })
  text: string;
}

@ObjectType({
  description:
    'The account a user replies from by default on one channel. The product has no channel accounts of its own: the accounts are the widgets (sites) of the organisation.',
})
export class DefaultReplyAccount {
  @Field(() => SignatureChannel, { description: 'The channel.' })
  channel: SignatureChannel;

  @Field(() => ID, { description: "Id of the widget (site) of the user's organisation replies on this channel go out from by default." })
  widgetId: string;
}

@ObjectType({ description: "A user's own settings: landing page, default availability, notifications, signatures, default reply accounts." })
export class Preferences {
  @Field({ description: 'Page shown after login.' })
  landingPage: string;

  @Field(() => Availability, { description: 'Availability applied at every login: ONLINE or AVAILABLE_FOR_CHAT.' })
  defaultAvailability: Availability;

  @Field(() => NotificationSettings, { description: 'Notification switches.' })
  notifications: NotificationSettings;

  @Field(() => [Signature], { description: 'One signature per channel that has one.' })
  signatures: Signature[];

  @Field(() => [DefaultReplyAccount], {
    description: 'Per channel that has one, the account replies go out from by default; on other channels the user picks one each time (a mention still wins).',
  })
  defaultReplyAccounts: DefaultReplyAccount[];
}

@InputType({ description: 'Notification switches to change; omitted ones stay as they are.' })
export class NotificationSettingsInput {
  @Field({ nullable: true, description: 'A message or chat was assigned to the user.' })
  assignedToMe?: boolean;

  @Field({ nullable: true, description: 'A scheduled publication could not be posted.' })
  failedPublication?: boolean;

  @Field({ nullable: true, description: 'A new chat is waiting.' })
  newChat?: boolean;

  @Field({ nullable: true, description: "Updates about the customer organisation's devices, tickets and sessions." })
  customerUpdates?: boolean;
}

@InputType({ description: 'The signature of one channel; an empty text removes it.' })
export class SignatureInput {
  @Field(() => SignatureChannel, { description: 'The channel.' })
  channel: SignatureChannel;

  @Field({ description: 'Up to 100 characters; empty removes the signature.' })
  @MaxLength(100)
  text: string;
}

@InputType({ description: 'The default reply account of one channel; a null widgetId removes it.' })
export class DefaultReplyAccountInput {
  @Field(() => SignatureChannel, { description: 'The channel.' })
  channel: SignatureChannel;

  @Field(() => ID, { nullable: true, description: "A widget (site) of the user's organisation, one they see; null removes the default." })
  @IsOptional()
  widgetId?: string | null;
}

@InputType({ description: "Changes to the signed-in user's preferences; omitted fields stay as they are." })
export class PreferencesInput {
  @Field(() => Language, { nullable: true, description: 'Interface and mail language.' })
  @IsOptional()
  language?: Language;

  @Field({ nullable: true, description: `Page shown after login: ${LANDING_PAGES.join(', ')}.` })
  @IsOptional()
  @IsIn(LANDING_PAGES as unknown as string[], { message: `landingPage must be one of ${LANDING_PAGES.join(', ')}` })
  @Length(1, 40)
  landingPage?: string;

  @Field(() => Availability, { nullable: true, description: 'ONLINE or AVAILABLE_FOR_CHAT; applied at every login.' })
  @IsOptional()
  @IsIn([Availability.ONLINE, Availability.AVAILABLE_FOR_CHAT], { message: 'defaultAvailability must be ONLINE or AVAILABLE_FOR_CHAT' })
  defaultAvailability?: Availability;

  @Field(() => NotificationSettingsInput, { nullable: true, description: 'Notification switches to change.' })
  @IsOptional()
  @ValidateNested()
  notifications?: NotificationSettingsInput;

  @Field(() => [SignatureInput], { nullable: true, description: 'Signatures to set, per channel.' })
  @IsOptional()
  @ValidateNested({ each: true })
  signatures?: SignatureInput[];

  @Field(() => [DefaultReplyAccountInput], {
    nullable: true,
    description: 'Default reply accounts to set or remove, per channel; channels left out stay as they are.',
  })
  @IsOptional()
  @ValidateNested({ each: true })
  defaultReplyAccounts?: DefaultReplyAccountInput[];
}
