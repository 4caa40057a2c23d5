import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The organisations subgraph's entity, extended here with the account's own audit trail. */
@Directive('@key(fields: "id")')
@ObjectType()
export class Account {
  @Field(() => ID)
  id: string;

  /** Not exposed: equals id, so the shared owner rule (isOwnerOfItsAccount) applies to the account itself. */
  accountId: string;
}
