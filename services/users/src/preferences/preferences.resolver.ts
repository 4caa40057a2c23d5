import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Availability } from '@tenantry/users-module';
import { requireUser } from '@tenantry/auth';
import { UsersContext } from '../context';
import { User } from '../user/user.type';
import { PreferencesInput } from './preferences.type';

@Resolver()
export class PreferencesResolver {
  @Mutation(() => User, { description: "Changes the caller's language, landing page, default availability, notifications and signatures." })
  updateMyPreferences(
    @Arg('input', { description: 'The preferences to change.' }) input: PreferencesInput,
    @Ctx() { preferences, principal }: UsersContext,
  ): Promise<User> {
    return preferences.update(requireUser(principal), input);
  }

  @Mutation(() => User, { description: "Changes the caller's current availability." })
  setMyAvailability(
    @Arg('status', () => Availability, { description: 'The availability from now on, until changed or the next login.' }) status: Availability,
    @Ctx() { preferences, principal }: UsersContext,
  ): Promise<User> {
    return preferences.setAvailability(requireUser(principal), status);
  }
}
