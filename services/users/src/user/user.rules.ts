import { allow, rule } from 'graphql-shield';
import type { RuleMap } from '@tenantry/federation';
import type { Principal, PrincipalContext } from '@tenantry/auth';
import { hasPermission, isAuthenticated, isSelf } from '@tenantry/auth';

/** The User fields' rule decides about a user object, not a field: its decisions, per principal (a login in the request changes it) and user object. */
const userDecisions = new WeakMap<Principal, WeakMap<object, Promise<boolean>>>();

/**
 * Oneself, or a user of a visible organisation for a caller who may read users. Decided once per
 * user object and principal and reused for each of its fields: a page of 50 users asked the same
 * question for every field (graphql-shield's own caches key by rule name, or hash the parent).
 */
const canSeeUser = rule({ cache: 'no_cache' })((
  user: { id?: string; organisationId?: string },
  _args,
  { principal, organisationVisibility }: PrincipalContext,
) => {
  if (principal.kind !== 'user' || typeof user !== 'object' || user === null) return false;
  let decisions = userDecisions.get(principal);
  if (!decisions) userDecisions.set(principal, (decisions = new WeakMap()));
  let decision = decisions.get(user);
  if (!decision) {
    decision = (async () =>
      user.id === principal.userId ||
      (principal.permissions.includes('users.read') &&
        typeof user.organisationId === 'string' &&
        organisationVisibility !== undefined &&
        (await organisationVisibility.canSee(user.organisationId))))();
    decisions.set(user, decision);
  }
  return decision;
});

export const userRules: RuleMap = {
  Query: {
    me: isAuthenticated,
    user: isAuthenticated,
    users: hasPermission('users.read'),
    transferTargets: hasPermission('chats.access'),
  },
  Mutation: {
    createUser: hasPermission('users.invite'),
    updateUser: hasPermission('users.manage'),
  },
  // The services already hide foreign users; the rules say it again for any path that reaches a User.
  User: { '*': canSeeUser, preferences: isSelf, activeOrganisation: isSelf, accessibleOrganisations: isSelf },
  UserConnection: allow,
  UserEdge: allow,
  Organisation: allow,
};
