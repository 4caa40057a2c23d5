import { allow, and, or, rule } from 'graphql-shield';
import { RuleMap } from '@tenantry/federation';
import { hasPermission, isAuthenticated, isInVisibleOrganisation, isSelf, PrincipalContext } from '@tenantry/auth';

/** Oneself, or a user of a visible organisation for a caller who may read users. */
const canSeeUser = or(isSelf, and(isInVisibleOrganisation, hasPermission('users.read')));

/**
 * The parent is the signed-in caller of this request's session: unlike `isSelf`, not a user a
 * login-like mutation just signed in, whose session the principal does not describe yet.
 */
const isSessionUser = rule({ cache: 'no_cache' })(
  (parent: { id?: string }, _args, { principal }: PrincipalContext) => principal.kind === 'user' && parent?.id === principal.userId,
);

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
  User: { '*': canSeeUser, preferences: isSelf, activeOrganisation: isSessionUser, accessibleOrganisations: isSessionUser },
  UserConnection: allow,
  UserEdge: allow,
  Organisation: allow,
};
