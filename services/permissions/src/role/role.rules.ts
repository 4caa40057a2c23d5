import { or } from 'graphql-shield';
import { RuleMap } from '@tenantry/federation';
import { hasPermission, isAuthenticated, isInVisibleOrganisation, isSelf } from '@tenantry/auth';

export const roleRules: RuleMap = {
  Query: { roles: isAuthenticated },
  Role: isInVisibleOrganisation,
  // The reference resolver returns only users of visible organisations; reading a colleague's role needs users.read.
  User: or(isSelf, hasPermission('users.read')),
};
