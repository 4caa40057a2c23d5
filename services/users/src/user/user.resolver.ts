import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { UserStatus } from '@tenantry/database';
import { UsersContext } from '../context';
import { CreateUserInput, UpdateUserInput } from './user.inputs';
import { User, UserConnection } from './user.type';

/** Shown instead of a colleague's number to viewers without phoneNumbers.visible. */
export const MASKED_MOBILE = '•••';

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

  @Query(() => UserConnection, { description: 'Users of an organisation, oldest first; by default everybody but ARCHIVED (F19).' })
  users(
    @Arg('organisationId', () => ID) organisationId: string,
    @Ctx() { users }: UsersContext,
    @Arg('status', () => [UserStatus], { nullable: true, description: 'Statuses to show; default all but ARCHIVED.' }) status?: UserStatus[] | null,
    @Arg('search', () => String, { nullable: true, description: 'Part of the username, email, first, last or screen name.' }) search?: string | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' }) after?: string | null,
  ) {
    return users().list(organisationId, status, search, first, after);
  }

  @Query(() => [User], { description: 'Colleagues a chat may be handed to: same organisation, chat access, ACTIVE.' })
  transferTargets(@Ctx() { users }: UsersContext): Promise<User[]> {
    return users().transferTargets();
  }

  @Mutation(() => User, { description: 'Creates a user directly; mails the username and a single-use activation link (two mails).' })
  createUser(@Arg('input') input: CreateUserInput, @Ctx() { users }: UsersContext): Promise<User> {
    return users().create(input);
  }

  @Mutation(() => User, { description: 'Edits a user; the username and the organisation never change.' })
  updateUser(@Arg('id', () => ID) id: string, @Arg('input') input: UpdateUserInput, @Ctx() { users }: UsersContext): Promise<User> {
    return users().update(id, input);
  }

  @FieldResolver(() => String, { nullable: true })
  mobile(@Root() user: User, @Ctx() { principal, signedInUserId }: UsersContext): string | null {
    if (!user.mobile) return null;
    const self = user.id === signedInUserId || (principal.kind === 'user' && principal.userId === user.id);
    const maySee = principal.kind === 'user' && principal.permissions.includes('phoneNumbers.visible');
    return self || maySee ? user.mobile : MASKED_MOBILE;
  }
}
