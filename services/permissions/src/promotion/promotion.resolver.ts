import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { PermissionsContext } from '../context';
import { User } from '../role/role.type';
import { Organisation } from './organisation.type';

@Resolver(() => User)
export class PromotionResolver {
  @FieldResolver(() => [Organisation], { description: 'Organisations the owner granted this user beyond their own; empty unless promoted.' })
  promotedOrganisations(@Root() user: User, @Ctx() { promotions }: PermissionsContext): Promise<Organisation[]> {
    return promotions().promotedOrganisationsOf(user.id);
  }

  @Mutation(() => User, {
    description:
      "Lets a user see and switch into exactly these organisations of the account besides their own, replacing any earlier grant (owner only). Applies from the user's next request.",
  })
  promoteUser(
    @Arg('userId', () => ID) userId: string,
    @Arg('organisationIds', () => [ID]) organisationIds: string[],
    @Ctx() { promotions }: PermissionsContext,
  ): Promise<User> {
    return promotions().promote(userId, organisationIds);
  }

  @Mutation(() => User, {
    description: "Takes every granted organisation away: the user sees only their own again (owner only). Applies from the user's next request.",
  })
  demoteUser(@Arg('userId', () => ID) userId: string, @Ctx() { promotions }: PermissionsContext): Promise<User> {
    return promotions().demote(userId);
  }
}
