import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An inbox users are assigned to; the first one is created with the organisation.' })
export class OperatorGroup {
  @Field(() => ID, { description: 'Stable identifier of the operator group.' })
  id: string;

  /** Not exposed: for rules. */
  organisationId: string;

  @Field({ description: 'Name of the group, shown to users choosing their inboxes.' })
  name: string;

  @Field({ description: 'When the group was created.' })
  createdAt: Date;
}
