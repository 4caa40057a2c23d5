import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { UsersContext } from '../context';
import { User } from './user.type';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user.' })
  me(@Ctx() { users }: UsersContext): Promise<User | null> {
    return users().me();
  }

  @Query(() => User, { nullable: true, description: 'A user of an organisation the caller may see; null for any other id.' })
  user(@Arg('id', () => ID) id: string, @Ctx() { users }: UsersContext): Promise<User | null> {
    return users().findById(id);
  }
}
