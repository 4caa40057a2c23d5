import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A chat widget (site) of an organisation; the first one is created with it.' })
export class Widget {
  @Field(() => ID, { description: 'Stable identifier of the widget.' })
  id: string;

  /** Not exposed: for rules. */
  organisationId: string;

  @Field({ description: 'Name of the widget, e.g. the site it is embedded in.' })
  name: string;

  @Field({ description: 'When the widget was created.' })
  createdAt: Date;
}
