import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PermissionsContext } from '../context';
import { CreateRoleInput, UpdateRoleInput } from './role.inputs';
import { Role, User } from './role.type';

@Resolver(() => User)
export class UserRoleResolver {
  @FieldResolver(() => Role, {
    nullable: true,
    description:
      'The one role the user holds in their organisation. ' +
      "Null when the caller may not see the user's role, or when the permissions subgraph fails, so that the user's other fields still answer.",
  })
  role(@Root() user: User, @Ctx() { roles }: PermissionsContext): Promise<Role | null> {
    return roles().roleOf(user.id);
  }

  @FieldResolver(() => [String], {
    nullable: true,
    description:
      'Permission keys the user holds through their role; empty without a role. ' +
      "Null only when the permissions subgraph fails, so that the user's other fields still answer.",
  })
  async permissions(@Root() user: User, @Ctx() { roles }: PermissionsContext): Promise<string[]> {
    return (await roles().roleOf(user.id))?.permissions ?? [];
  }
}

@Resolver(() => Role)
export class RoleResolver {
  @Query(() => [Role], {
    nullable: true,
    description:
      'Roles of an organisation the caller may see; empty for any other id. ' +
      'Nullable so that a failure of the permissions subgraph nulls only this field, not the other root fields of the same request.',
  })
  roles(
    @Arg('organisationId', () => ID, { description: 'The organisation whose roles to list.' }) organisationId: string,
    @Ctx() { roles }: PermissionsContext,
  ): Promise<Role[]> {
    return roles().inOrganisation(organisationId);
  }

  @Mutation(() => Role, {
    description: 'Adds a custom role to an organisation. Needs roles.manage and every permission granted. Takes effect on the next request.',
  })
  createRole(
    @Arg('input', { description: 'The organisation, name and permissions of the new role.' }) input: CreateRoleInput,
    @Ctx() { roleLifecycle }: PermissionsContext,
  ): Promise<Role> {
    return roleLifecycle().create(input);
  }

  @Mutation(() => Role, {
    description: 'Renames a custom role or replaces its permissions; built-in roles cannot be changed. Holders get the change on their next request.',
  })
  updateRole(
    @Arg('id', () => ID, { description: 'The custom role to change.' }) id: string,
    @Arg('input', { description: 'The changes; fields left out stay as they are.' }) input: UpdateRoleInput,
    @Ctx() { roleLifecycle }: PermissionsContext,
  ): Promise<Role> {
    return roleLifecycle().update(id, input);
  }

  @Mutation(() => Boolean, {
    description: 'Deletes a custom role. While it is assigned, replacementRoleId (a role of the same organisation) is required and its holders move to it.',
  })
  deleteRole(
    @Arg('id', () => ID, { description: 'The custom role to delete; built-in roles cannot be deleted.' }) id: string,
    @Ctx() { roleLifecycle }: PermissionsContext,
    @Arg('replacementRoleId', () => ID, {
      nullable: true,
      description: 'A role of the same organisation its holders move to; required while the role is assigned, ignored otherwise.',
    })
    replacementRoleId?: string,
  ): Promise<boolean> {
    return roleLifecycle().delete(id, replacementRoleId);
  }

  @Mutation(() => User, { description: "Gives a user a role of their own organisation (never OWNER). Takes effect on the user's next request." })
  assignRole(
    @Arg('userId', () => ID, { description: 'The user who gets the role; their previous role is replaced.' }) userId: string,
    @Arg('roleId', () => ID, { description: "A role of the user's own organisation; OWNER cannot be assigned." }) roleId: string,
    @Ctx() { roleLifecycle }: PermissionsContext,
  ): Promise<User> {
    return roleLifecycle().assign(userId, roleId);
  }
}
