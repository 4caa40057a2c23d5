import { Ctx, Directive, FieldResolver, Resolver, Root } from 'type-graphql';
import { OrganisationsContext } from '../context';
import { OperatorGroup } from './operator-group.type';
import { User } from './user.type';

@Resolver(() => User)
export class UserInboxesResolver {
  @Directive('@requires(fields: "organisation { id }")')
  @FieldResolver(() => [OperatorGroup], {
    description: "The operator groups (inboxes) the user answers for, oldest first; set with createUser's or updateUser's inboxIds.",
  })
  inboxes(@Root() user: User, @Ctx() { inboxes }: OrganisationsContext): Promise<OperatorGroup[]> {
    return inboxes().load(user.id);
  }
}

/**
 * Resolves User references. Nothing is looked up: the organisation the users subgraph sent along
 * (@requires) is what the rules judge, and the inboxes loader shows only visible groups anyway.
 */
export function resolveUserReference(reference: { id: string; organisation?: { id?: string } | null }): User {
  return Object.assign(new User(), { id: reference.id, organisationId: reference.organisation?.id, organisation: reference.organisation ?? undefined });
}
