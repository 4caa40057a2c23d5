import { ArrayMaxSize, IsBoolean, IsEmail, IsIn, IsInt, IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { IsNameText } from '@tenantry/federation';
import { MAIL_LANGUAGES } from '@tenantry/provisioning';
import { MAX_EMBED_ORIGINS } from '../embed/embed-origins';

/** Languages the product speaks: those its mails are written in. */
export const LANGUAGES: readonly string[] = MAIL_LANGUAGES;

const USERNAME_PATTERN = /^[A-Za-z0-9._@+-]{3,191}$/;

@InputType({ description: 'Data-management and privacy settings.' })
export class PrivacyInput {
  @Field(() => Int, { description: 'Days transcripts are kept, 0 to 3650 (0: until deleted by hand).' })
  @IsInt()
  @Min(0)
  @Max(3650)
  transcriptRetentionDays: number;

  @Field({ description: 'Anonymise visitor IP addresses before storing them.' })
  @IsBoolean()
  anonymiseVisitorIp: boolean;
}

@InputType({ description: 'The first user of a new organisation; gets an activation mail.' })
export class FirstUserInput {
  @Field({ description: 'The login: case-sensitive, unique, 3–191 of A–Z a–z 0–9 . _ @ + -.' })
  @Matches(USERNAME_PATTERN, { message: 'username must be 3–191 characters of letters, digits and . _ @ + -' })
  @IsNameText()
  username: string;

  @Field({ description: 'Where the activation mail goes.' })
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;

  @Field({ description: 'First name, 1–100 characters.' })
  @Length(1, 100)
  @IsNameText()
  firstName: string;

  @Field({ description: 'Last name, 1–100 characters.' })
  @Length(1, 100)
  @IsNameText()
  lastName: string;
}

@InputType({ description: 'A new sub-organisation with its first operator (role MANAGER).' })
export class CreateOrganisationInput {
  @Field({ description: 'Unique within the account; 1–120 characters.' })
  @Length(1, 120)
  @IsNameText()
  name: string;

  @Field({ defaultValue: 'en', description: 'One of en, de, nl, fr, es.' })
  @IsIn(LANGUAGES)
  language: string;

  @Field(() => String, { nullable: true, description: 'Where the organisation is, in words; 1–120 characters. Default: none.' })
  @IsOptional()
  @Length(1, 120)
  @IsNameText()
  location?: string | null;

  @Field(() => PrivacyInput, { nullable: true, description: 'Default: transcripts kept 90 days, visitor IPs anonymised.' })
  @IsOptional()
  @ValidateNested()
  privacy?: PrivacyInput | null;

  @Field(() => FirstUserInput, { description: 'The first operator (role MANAGER); gets an activation mail.' })
  @ValidateNested()
  firstOperator: FirstUserInput;
}

@InputType({ description: 'Changes to an organisation; fields left out stay as they are.' })
export class UpdateOrganisationInput {
  @Field(() => String, { nullable: true, description: 'New name, unique within the account; 1–120 characters.' })
  @IsOptional()
  @Length(1, 120)
  @IsNameText()
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'New language: one of en, de, nl, fr, es.' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: string | null;

  @Field(() => String, { nullable: true, description: 'New location, 0–120 characters; null or an empty string clears it.' })
  @IsOptional()
  @Length(0, 120)
  @IsNameText()
  location?: string | null;

  @Field(() => PrivacyInput, { nullable: true, description: 'New privacy settings, both given together.' })
  @IsOptional()
  @ValidateNested()
  privacy?: PrivacyInput | null;

  @Field(() => [String], {
    nullable: true,
    description:
      `The whole new list of portal origins (https://portal.example.com) allowed to embed the customer login; at most ${MAX_EMBED_ORIGINS}, ` +
      'an empty list removes them all. Only for an organisation that can have customers (DEFAULT or SUB).',
  })
  @IsOptional()
  @ArrayMaxSize(MAX_EMBED_ORIGINS)
  embedOrigins?: string[] | null;
}

@InputType({ description: "A company customer with its own login, managed by the caller's organisation." })
export class CreateCustomerOrganisationInput {
  @Field({ description: 'Unique within the account; 1–120 characters.' })
  @Length(1, 120)
  @IsNameText()
  name: string;

  @Field({ defaultValue: 'en', description: 'One of en, de, nl, fr, es.' })
  @IsIn(LANGUAGES)
  language: string;

  @Field(() => FirstUserInput, { description: "The customer's first ADMINISTRATOR; gets an activation mail." })
  @ValidateNested()
  firstAdministrator: FirstUserInput;
}
