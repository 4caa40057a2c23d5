import { allow, and, or } from 'graphql-shield';
import type { RuleMap } from '@tenantry/federation';
import { hasPermission, isAuthenticated, isInVisibleOrganisation, isSelf } from '@tenantry/auth';

/** Oneself, or a user of a visible organisation for a caller who may read users. */
const canSeeUser = or(isSelf, and(isInVisibleOrganisation, hasPermission('users.read')));

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
