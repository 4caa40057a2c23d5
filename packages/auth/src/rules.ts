import { rule } from 'graphql-shield';
import type { Principal } from './principal';

// Rules that read the parent use no cache: comparing ids is cheaper than the object hash
// shield's 'strict' cache computes for every field (measured: it made queries 20× slower).

/** What every subgraph's context carries for the rules. */
export interface PrincipalContext {
  /** Who acts; a login-like mutation replaces it for the rest of its request. */
  principal: Principal;
  /** Whether the caller may see an organisation, decided in SQL by the organisations module's rule, once per id and request. */
  organisationVisibility?: OrganisationVisibilityCheck;
}

/** The one question rules ask about visibility; each subgraph's request scope answers it. */
export interface OrganisationVisibilityCheck {
  canSee(organisationId: string): Promise<boolean>;
}

/** A signed-in user (not anonymous). */
export const isAuthenticated = rule({ cache: 'contextual' })((_parent, _args, { principal }: PrincipalContext) => principal.kind === 'user');

const permissionRules = new Map<string, ReturnType<ReturnType<typeof rule>>>();

/** The caller's role grants this permission. One rule per key: shield refuses two rules of one name. */
export function hasPermission(permission: string) {
  let permissionRule = permissionRules.get(permission);
  if (!permissionRule) {
    permissionRule = rule(`hasPermission:${permission}`, { cache: 'contextual' })(
      (_parent, _args, { principal }: PrincipalContext) => principal.kind === 'user' && principal.permissions.includes(permission),
    );
    permissionRules.set(permission, permissionRule);
  }
  return permissionRule;
}

/** The caller owns the account. */
export const isAccountOwner = rule({ cache: 'contextual' })(
  (_parent, _args, { principal }: PrincipalContext) => principal.kind === 'user' && principal.isAccountOwner,
);

/** The owner promoted the caller to see other organisations too. */
export const isPromoted = rule({ cache: 'contextual' })(
  (_parent, _args, { principal }: PrincipalContext) => principal.kind === 'user' && principal.grantedOrganisationIds.length > 0,
);

/** The parent object is the caller themself (after a login-like mutation, the user it signed in). */
export const isSelf = rule({ cache: 'no_cache' })(
  (parent: { id?: string }, _args, { principal }: PrincipalContext) => principal.kind === 'user' && parent?.id === principal.userId,
);

/** The parent object belongs to an organisation the caller may see. */
export const isInVisibleOrganisation = rule({ cache: 'no_cache' })(
  async (parent: { organisationId?: string; id?: string }, _args, { principal, organisationVisibility }: PrincipalContext) =>
    principal.kind === 'user' &&
    typeof parent?.organisationId === 'string' &&
    organisationVisibility !== undefined &&
    organisationVisibility.canSee(parent.organisationId),
);

/** The caller owns the account the parent object belongs to: the owner sees all of it, even what this very request created. */
export const isOwnerOfItsAccount = rule({ cache: 'no_cache' })(
  (parent: { accountId?: string }, _args, { principal }: PrincipalContext) =>
    principal.kind === 'user' && principal.isAccountOwner && parent?.accountId === principal.accountId,
);
