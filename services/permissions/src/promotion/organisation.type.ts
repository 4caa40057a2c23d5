import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Stub of the organisations subgraph's entity: promotions only know its id. */
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType()
export class Organisation {
  @Field(() => ID)
  id: string;
}
