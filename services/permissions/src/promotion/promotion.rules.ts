import { or, rule } from 'graphql-shield';
import type { RuleMap } from '@tenantry/federation';
import type { PrincipalContext } from '@tenantry/auth';
import { isAccountOwner, isSelf } from '@tenantry/auth';

/** The parent is itself an organisation the caller may see. */
const isVisibleOrganisation = rule({ cache: 'no_cache' })(
  async (parent: { id?: string }, _args, { principal, organisationVisibility }: PrincipalContext) =>
    principal.kind === 'user' && typeof parent?.id === 'string' && organisationVisibility !== undefined && organisationVisibility.canSee(parent.id),
);

/** Promotion is the owner's alone; a user may see their own grant. */
export const promotionRules: RuleMap = {
  Mutation: { promoteUser: isAccountOwner, demoteUser: isAccountOwner },
  User: { promotedOrganisations: or(isSelf, isAccountOwner) },
  Organisation: isVisibleOrganisation,
};
