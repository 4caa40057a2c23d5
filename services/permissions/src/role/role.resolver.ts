import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PermissionsContext } from '../context';
import { CreateRoleInput, UpdateRoleInput } from './role.inputs';
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

  @Mutation(() => Role, {
    description: 'Adds a custom role to an organisation. Needs roles.manage and every permission granted. Takes effect on the next request.',
  })
  createRole(@Arg('input') input: CreateRoleInput, @Ctx() { roleLifecycle }: PermissionsContext): Promise<Role> {
    return roleLifecycle().create(input);
  }

  @Mutation(() => Role, {
    description: 'Renames a custom role or replaces its permissions; built-in roles cannot be changed. Holders get the change on their next request.',
  })
  updateRole(@Arg('id', () => ID) id: string, @Arg('input') input: UpdateRoleInput, @Ctx() { roleLifecycle }: PermissionsContext): Promise<Role> {
    return roleLifecycle().update(id, input);
  }

  @Mutation(() => Boolean, {
    description: 'Deletes a custom role. While it is assigned, replacementRoleId (a role of the same organisation) is required and its holders move to it.',
  })
  deleteRole(
    @Arg('id', () => ID) id: string,
    @Ctx() { roleLifecycle }: PermissionsContext,
    @Arg('replacementRoleId', () => ID, { nullable: true }) replacementRoleId?: string,
  ): Promise<boolean> {
    return roleLifecycle().delete(id, replacementRoleId);
  }

  @Mutation(() => User, { description: "Gives a user a role of their own organisation (never OWNER). Takes effect on the user's next request." })
  assignRole(@Arg('userId', () => ID) userId: string, @Arg('roleId', () => ID) roleId: string, @Ctx() { roleLifecycle }: PermissionsContext): Promise<User> {
    return roleLifecycle().assign(userId, roleId);
  }
}
