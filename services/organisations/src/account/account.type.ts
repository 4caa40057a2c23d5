import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Organisation } from '../organisation/organisation.type';

@ObjectType({ description: 'A customer of the platform: one owner, a plan, and its organisations.' })
export class Account {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => Int, { description: 'Operators the plan allows across the account\'s own organisations, pending invitations included.' })
  seatLimit: number;

  @Field(() => [Organisation], { description: 'The organisations of the account the caller may see.' })
  organisations: Organisation[];
}
