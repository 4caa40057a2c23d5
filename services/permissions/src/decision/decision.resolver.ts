import { Arg, Ctx, FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { PermissionsContext } from '../context';
import { User } from '../role/role.type';
import { Decision } from './decision.type';

@Resolver(() => User)
export class DecisionResolver {
  @FieldResolver(() => Decision, {
    description: 'Whether you may use a permission in an organisation (default: the active one), and why. Only answered for yourself (me).',
  })
  can(
    @Root() user: User,
    @Arg('permission') permission: string,
    @Ctx() { decisions }: PermissionsContext,
    @Arg('organisationId', () => ID, { nullable: true }) organisationId?: string,
  ): Promise<Decision> {
    return decisions().can(user.id, permission, organisationId);
  }
}
