import { or, rule } from 'graphql-shield';
import { RuleMap } from '@tenantry/federation';
import { canSeeOrganisation, isAccountOwner, isSelf, PrincipalContext } from '@tenantry/auth';

/** The parent is itself an organisation the caller may see. */
const isVisibleOrganisation = rule({ cache: 'no_cache' })(
  (parent: { id?: string }, _args, { principal }: PrincipalContext) => typeof parent?.id === 'string' && canSeeOrganisation(principal, parent.id),
);

/** Promotion is the owner's alone; a user may see their own grant. */
export const promotionRules: RuleMap = {
  Mutation: { promoteUser: isAccountOwner, demoteUser: isAccountOwner },
  User: { promotedOrganisations: or(isSelf, isAccountOwner) },
  Organisation: isVisibleOrganisation,
};
