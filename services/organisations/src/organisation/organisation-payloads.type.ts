import { Field, ID, Int, ObjectType } from 'type-graphql';
import { OperatorGroup } from '../operator-group/operator-group.type';
import { User } from '../operator-group/user.type';
import { Widget } from '../widget/widget.type';
import { Organisation } from './organisation.type';

@ObjectType({ description: 'What createOrganisation made, all in one transaction.' })
export class CreateOrganisationPayload {
  @Field(() => Organisation, { description: 'The new organisation.' })
  organisation: Organisation;

  // Nullable: it lives in the users subgraph, and a failure there must not hide the committed organisation.
  @Field(() => User, { nullable: true, description: 'The first operator (role MANAGER, status INVITED until activated).' })
  firstOperator: User;

  @Field(() => Widget, { description: 'Its first chat widget.' })
  widget: Widget;

  @Field(() => OperatorGroup, { description: 'Its first operator group; the first operator is in it.' })
  operatorGroup: OperatorGroup;
}

@ObjectType({ description: 'What deleting an organisation would destroy; shown before the name is typed to confirm.' })
export class DeletionPreview {
  @Field(() => ID, { description: 'The organisation that would be deleted.' })
  organisationId: string;

  @Field({ description: 'Type exactly this to confirm.' })
  name: string;

  @Field(() => Int, { description: "Users of the organisation itself (customers' users are not counted here)." })
  operators: number;

  @Field(() => Int, { description: 'Chat widgets of the organisation itself.' })
  widgets: number;

  @Field(() => Int, { description: 'Operator groups of the organisation itself.' })
  operatorGroups: number;

  @Field(() => Int, { description: 'Pending invitations to the organisation itself; they are revoked with it.' })
  invitations: number;

  @Field(() => Int, { description: 'Roles of the organisation itself, built-in and custom.' })
  roles: number;

  @Field(() => Int, { description: 'Customer organisations this one manages; they go with it, with all their users.' })
  customerOrganisations: number;
}

@ObjectType({ description: 'The outcome of a deletion.' })
export class DeleteOrganisationPayload {
  @Field(() => ID, { description: 'The id of the organisation that no longer exists; drop it from client caches.' })
  deletedOrganisationId: string;

  @Field(() => DeletionPreview, { description: 'What was destroyed.' })
  deleted: DeletionPreview;

  @Field(() => Int, { description: 'Sessions that ended with the users of the organisation and of its customers.' })
  endedSessions: number;
}
