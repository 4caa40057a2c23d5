import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { RESTORE_WINDOW_DAYS } from '@tenantry/config';
import { UsersContext } from '../context';
import { MAX_FAILED_LOGINS } from '../lockout/lockout';
import { User } from '../user/user.type';

@Resolver()
export class LifecycleResolver {
  @Mutation(() => User, { description: 'Denies the user access for now; their sessions end at once.' })
  suspendUser(
    @Arg('id', () => ID, { description: 'A user of an organisation the caller administers.' }) id: string,
    @Ctx() { lifecycle }: UsersContext,
  ): Promise<User> {
    return lifecycle().suspend(id);
  }

  @Mutation(() => User, { description: 'Grants a suspended user access again.' })
  restoreAccess(@Arg('id', () => ID, { description: 'A SUSPENDED user.' }) id: string, @Ctx() { lifecycle }: UsersContext): Promise<User> {
    return lifecycle().restoreAccess(id);
  }

  @Mutation(() => User, { description: `Unlocks a user locked after ${MAX_FAILED_LOGINS} failed logins.` })
  unlockUser(@Arg('id', () => ID, { description: 'A LOCKED user.' }) id: string, @Ctx() { lifecycle }: UsersContext): Promise<User> {
    return lifecycle().unlock(id);
  }

  @Mutation(() => User, { description: `Archives the user: access ends at once, the seat is freed; restorable for ${RESTORE_WINDOW_DAYS} days.` })
  archiveUser(
    @Arg('id', () => ID, { description: 'A user of an organisation the caller administers; not the account owner.' }) id: string,
    @Ctx() { lifecycle }: UsersContext,
  ): Promise<User> {
    return lifecycle().archive(id);
  }

  @Mutation(() => User, { description: `Restores an archived user within ${RESTORE_WINDOW_DAYS} days; RESTORE_WINDOW_PASSED after.` })
  restoreUser(@Arg('id', () => ID, { description: 'An ARCHIVED user.' }) id: string, @Ctx() { lifecycle }: UsersContext): Promise<User> {
    return lifecycle().restore(id);
  }

  @Mutation(() => Boolean, { description: 'Deletes the user with their sessions, role and inboxes; cannot be undone.' })
  deleteUser(
    @Arg('id', () => ID, { description: 'A user of an organisation the caller administers; not the account owner.' }) id: string,
    @Ctx() { lifecycle }: UsersContext,
  ): Promise<boolean> {
    return lifecycle().delete(id);
  }
}
