import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Organisation } from '../organisation/organisation.type';

@ObjectType({ description: 'What the account uses of its plan, counted over all its own organisations at once.' })
export class AccountUsage {
  @Field(() => Int, { description: 'Own organisations (DEFAULT and SUB); customers are not counted.' })
  organisations: number;

  @Field(() => Int, { description: 'Users of own organisations who are not archived and not merely invited.' })
  operators: number;

  @Field(() => Int, { description: 'Seats still free: seatLimit minus operators and pending invitations.' })
  seatsLeft: number;

  @Field(() => Int, { description: 'Chat widgets (sites) of own organisations.' })
  widgets: number;

  @Field(() => Int, { description: 'Invited users who have not activated yet; they hold a seat.' })
  pendingInvitations: number;
}

// An entity so that the users subgraph can add the account's audit trail; only that subgraph resolves references to it.
@Directive('@key(fields: "id", resolvable: false)')
@ObjectType({ description: 'A customer of the platform: one owner, a plan, and its organisations.' })
export class Account {
  @Field(() => ID, { description: 'Stable identifier of the account.' })
  id: string;

  @Field({ description: 'Name of the account: the name of its DEFAULT organisation when it was created.' })
  name: string;

  @Field(() => Int, { description: "Operators the plan allows across the account's own organisations, pending invitations included." })
  seatLimit: number;

  @Field(() => [Organisation], { description: 'The organisations of the account the caller may see.' })
  organisations: Organisation[];
}
