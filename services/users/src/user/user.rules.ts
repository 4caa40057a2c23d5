import { allow, and, or } from 'graphql-shield';
import { RuleMap } from '@tenantry/federation';
import { hasPermission, isAuthenticated, isInVisibleOrganisation, isSelf } from '@tenantry/auth';

export const userRules: RuleMap = {
  Query: {
    me: isAuthenticated,
    user: isAuthenticated,
  },
  // The loader already hides foreign users; the rule says it again for any path that reaches a User.
  User: or(isSelf, and(isInVisibleOrganisation, hasPermission('users.read'))),
  Organisation: allow,
};
