import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'One permission switch that a role can grant on its own.' })
export class Permission {
  @Field({ description: 'Stable key, e.g. "users.invite".' })
  key: string;

  @Field({ description: 'Group the switch is shown under, e.g. "users".' })
  group: string;

  @Field({ description: 'What the permission allows, in English, for the role editor.' })
  description: string;
}
