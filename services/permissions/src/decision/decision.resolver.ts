import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { PermissionsContext } from '../context';
import { User } from '../role/role.type';
import { Decision } from './decision.type';

@Resolver(() => User)
export class DecisionResolver {
  @FieldResolver(() => Decision, {
    nullable: true,
    description:
      'Whether you may use a permission in an organisation (default: the active one), and why. Only answered for yourself (me). ' +
      "Null only when the permissions subgraph fails, so that the user's other fields still answer.",
  })
  can(
    @Root() user: User,
    @Arg('permission', { description: 'A permission key from permissionCatalog, e.g. "users.invite".' }) permission: string,
    @Ctx() { decisions }: PermissionsContext,
    @Arg('organisationId', () => ID, { nullable: true, description: "The organisation to ask about; default: the session's active organisation." })
    organisationId?: string,
  ): Promise<Decision> {
    return decisions().can(user.id, permission, organisationId);
  }
}
