import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { PermissionsContext } from '../context';
import { Role, User } from './role.type';

@Resolver(() => User)
export class UserRoleResolver {
  @FieldResolver(() => Role, { nullable: true, description: 'The one role the user holds in their organisation.' })
  role(@Root() user: User, @Ctx() { roles }: PermissionsContext): Promise<Role | null> {
    return roles().roleOf(user.id);
  }

  @FieldResolver(() => [String], { description: 'Permission keys the user holds through their role.' })
  async permissions(@Root() user: User, @Ctx() { roles }: PermissionsContext): Promise<string[]> {
    return (await roles().roleOf(user.id))?.permissions ?? [];
  }
}

@Resolver(() => Role)
export class RoleResolver {
  @Query(() => [Role], { description: 'Roles of an organisation the caller may see; empty for any other id.' })
  roles(@Arg('organisationId', () => ID) organisationId: string, @Ctx() { roles }: PermissionsContext): Promise<Role[]> {
    return roles().inOrganisation(organisationId);
  }
}
