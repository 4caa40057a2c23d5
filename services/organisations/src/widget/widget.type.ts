import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A chat widget (site) of an organisation; the first one is created with it.' })
export class Widget {
  @Field(() => ID)
  id: string;

  /** Not exposed: for rules. */
  organisationId: string;

  @Field()
  name: string;

  @Field()
  createdAt: Date;
}
