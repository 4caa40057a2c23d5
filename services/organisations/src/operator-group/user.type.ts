import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Organisation } from '../organisation/organisation.type';

/**
 * The users subgraph's entity, extended here with what this subgraph owns of a user: the operator
 * groups they answer for. Its organisation comes from the users subgraph (@requires), so the rule
 * "whoever may read the user" is decided on the same organisation as there.
 */
@Directive('@key(fields: "id")')
@ObjectType()
export class User {
  @Field(() => ID)
  id: string;

  /** Not exposed: the user's organisation as the users subgraph told it, for rules. */
  organisationId?: string;

  @Directive('@external')
  @Field(() => Organisation, { nullable: true, description: 'The organisation the user belongs to, as the users subgraph answers it (nullable there).' })
  organisation?: Pick<Organisation, 'id'>;
}
