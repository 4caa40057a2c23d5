import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { UserStatus } from '@tenantry/database';

registerEnumType(UserStatus, {
  name: 'UserStatus',
  description: 'INVITED until activated; SUSPENDED and LOCKED deny access; ARCHIVED is restorable for 30 days.',
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
  @Field(() => ID)
  id: string;

  /** Not exposed: the organisation the user belongs to, for rules and scoping. */
  organisationId: string;

  @Field({ description: 'The login: case-sensitive, unique, never changed.' })
  username: string;

  @Field()
  email: string;

  @Field()
  firstName: string;

  @Field()
  lastName: string;

  @Field(() => String, { nullable: true, description: 'Optional patronymic.' })
  middleName: string | null;

  @Field({ description: 'The name visitors see; defaults to first and last name.' })
  screenName: string;

  @Field(() => UserStatus)
  status: UserStatus;

  @Field(() => Organisation, { description: 'The organisation the user belongs to.' })
  organisation: Organisation;

  @Field(() => Date, { nullable: true, description: 'When the user last logged in successfully.' })
  lastLoginAt: Date | null;

  @Field({ description: 'When the user was created.' })
  createdAt: Date;
}
