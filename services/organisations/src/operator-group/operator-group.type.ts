import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An inbox users are assigned to; the first one is created with the organisation.' })
export class OperatorGroup {
  @Field(() => ID)
  id: string;

  /** Not exposed: for rules. */
  organisationId: string;

  @Field()
  name: string;

  @Field()
  createdAt: Date;
}
