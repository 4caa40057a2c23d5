import { Directive, Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A named set of permissions. Built-in roles exist in every organisation; custom roles are per organisation.' })
export class Role {
  @Field(() => ID, { description: 'Stable identifier of the role; pass it to assignRole.' })
  id: string;

  /** Not exposed: for rules and scoping. */
  organisationId: string;

  @Field({ description: 'Stable key: OWNER, MANAGER, OPERATOR, ADMINISTRATOR, MODERATOR, MEMBER, or a custom one.' })
  key: string;

  @Field({ description: 'Display name; custom roles can be renamed, the key stays.' })
  name: string;

  @Field({ description: 'Built-in roles cannot be changed or deleted; their permissions are the same in every organisation.' })
  builtIn: boolean;

  @Field(() => [String], { description: 'Permission keys from permissionCatalog.' })
  permissions: string[];
}

/** The users subgraph's User, extended here with the role and permissions it holds. */
@Directive('@key(fields: "id")')
@ObjectType()
export class User {
  @Field(() => ID)
  id: string;
}
