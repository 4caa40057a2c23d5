import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { PermissionsContext } from '../context';
import { User } from '../role/role.type';
import { Organisation } from './organisation.type';

@Resolver(() => User)
export class PromotionResolver {
  @FieldResolver(() => [Organisation], {
    nullable: true,
    description:
      'Organisations the owner granted this user beyond their own; empty unless promoted. ' +
      "Null only when the permissions subgraph fails, so that the user's other fields still answer.",
  })
  promotedOrganisations(@Root() user: User, @Ctx() { promotions }: PermissionsContext): Promise<Organisation[]> {
    return promotions().promotedOrganisationsOf(user.id);
  }

  @Mutation(() => User, {
    description:
      "Lets a user see and switch into exactly these organisations of the account besides their own, replacing any earlier grant (owner only). Applies from the user's next request.",
  })
  promoteUser(
    @Arg('userId', () => ID, { description: "A user of one of the account's organisations." }) userId: string,
    @Arg('organisationIds', () => [ID], { description: "At least one organisation of the account besides the user's own; demoteUser removes a grant." })
    organisationIds: string[],
    @Ctx() { promotions }: PermissionsContext,
  ): Promise<User> {
    return promotions().promote(userId, organisationIds);
  }

  @Mutation(() => User, {
    description: "Takes every granted organisation away: the user sees only their own again (owner only). Applies from the user's next request.",
  })
  demoteUser(@Arg('userId', () => ID, { description: 'The promoted user.' }) userId: string, @Ctx() { promotions }: PermissionsContext): Promise<User> {
    return promotions().demote(userId);
  }
}
