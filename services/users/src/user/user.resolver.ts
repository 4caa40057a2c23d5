import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { UsersContext } from '../context';
import { CreateUserInput, UpdateUserInput, UsersArgs } from './user.inputs';
import type { PageCountedOnDemand } from '@tenantry/federation';
import { Organisation, User, UserConnection } from './user.type';

/** Shown instead of a colleague's number to viewers without phoneNumbers.visible. */
export const MASKED_MOBILE = '•••';

@Resolver(() => User)
export class UserResolver {
  @Query(() => User, { nullable: true, description: 'The signed-in user.' })
  me(@Ctx() { users }: UsersContext): Promise<User | null> {
    return users().me();
  }

  @Query(() => User, { nullable: true, description: 'A user of an organisation the caller may see; null for any other id.' })
  user(@Arg('id', () => ID, { description: 'The user to read.' }) id: string, @Ctx() { users }: UsersContext): Promise<User | null> {
    return users().findById(id);
  }

  @Query(() => UserConnection, { description: 'Users of an organisation, oldest first; by default everybody but ARCHIVED.' })
  users(@Args() { organisationId, status, search, first, after }: UsersArgs, @Ctx() { users }: UsersContext): Promise<PageCountedOnDemand<User>> {
    return users().list(organisationId, status, search, first, after);
  }

  @Query(() => [User], { description: 'Colleagues a chat may be handed to: same organisation, chat access, ACTIVE.' })
  transferTargets(@Ctx() { users }: UsersContext): Promise<User[]> {
    return users().transferTargets();
  }

  @Mutation(() => User, { description: 'Creates a user directly; mails the username and a single-use activation link (two mails).' })
  createUser(
    @Arg('input', { description: 'The new user, their organisation and role.' }) input: CreateUserInput,
    @Ctx() { users }: UsersContext,
  ): Promise<User> {
    return users().create(input);
  }

  @Mutation(() => User, { description: 'Edits a user; the username and the organisation never change.' })
  updateUser(
    @Arg('id', () => ID, { description: 'The user to change: yourself, or a user of an organisation you administer.' }) id: string,
    @Arg('input', { description: 'The changes; omitted fields stay as they are.' }) input: UpdateUserInput,
    @Ctx() { users }: UsersContext,
  ): Promise<User> {
    return users().update(id, input);
  }

  @FieldResolver(() => String, { nullable: true })
  mobile(@Root() user: User, @Ctx() { principal }: UsersContext): string | null {
    if (!user.mobile) return null;
    const self = principal.kind === 'user' && principal.userId === user.id;
    const maySee = principal.kind === 'user' && principal.permissions.includes('phoneNumbers.visible');
    return self || maySee ? user.mobile : MASKED_MOBILE;
  }

  // Both read the session, not the user row: the rules let only the caller themself reach them.
  @FieldResolver(() => Organisation, { nullable: true })
  activeOrganisation(@Root() user: User, @Ctx() { principal }: UsersContext): Organisation | null {
    return principal.kind === 'user' && principal.userId === user.id ? { id: principal.organisationId } : null;
  }

  @FieldResolver(() => [Organisation])
  async accessibleOrganisations(@Root() user: User, @Ctx() { principal, users }: UsersContext): Promise<Organisation[]> {
    return principal.kind === 'user' && principal.userId === user.id ? (await users().accessibleOrganisationIds()).map((id) => ({ id })) : [];
  }
}

/** totalCount of a users page, counted only when a client selects it: most pages never show it. */
@Resolver(() => UserConnection)
export class UserConnectionResolver {
  @FieldResolver(() => Int)
  totalCount(@Root() page: PageCountedOnDemand<User>): Promise<number> {
    return page.countMatching();
  }
}
