import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { IsOptional } from 'class-validator';

/** User fields an onboarding policy can require (docs/product.md#onboarding-policy). */
export enum UserField {
  EMAIL = 'EMAIL',
  FIRST_NAME = 'FIRST_NAME',
  LAST_NAME = 'LAST_NAME',
}

registerEnumType(UserField, {
  name: 'UserField',
  description: 'A user field an onboarding policy can require when a user is created.',
  valuesConfig: {
    EMAIL: { description: 'The email address; without it the user gets no mail and needs an initial password or sendMailsTo.' },
    FIRST_NAME: { description: 'The first name.' },
    LAST_NAME: { description: 'The last name; always required, since without it nobody can tell the user apart.' },
  },
});

@ObjectType({ description: "How the account's administrators create users: which fields are required, and whether they may set initial passwords." })
export class OnboardingPolicy {
  @Field(() => [UserField], { description: 'Fields createUser requires; LAST_NAME always among them. Default EMAIL, FIRST_NAME, LAST_NAME.' })
  requiredUserFields: UserField[];

  @Field({
    description:
      'Whether createUser may set an initial password (the user is ACTIVE at once and must change it at first sign-in). ' +
      'Default false: users choose their password from an activation link.',
  })
  initialPasswords: boolean;
}

@InputType({ description: "Changes to the account's onboarding policy; omitted fields stay as they are." })
export class UpdateAccountOnboardingPolicyInput {
  @Field(() => [UserField], { nullable: true, description: 'Fields createUser requires from now on; must include LAST_NAME.' })
  @IsOptional()
  requiredUserFields?: UserField[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Whether administrators may set initial passwords from now on.' })
  @IsOptional()
  initialPasswords?: boolean | null;
}
