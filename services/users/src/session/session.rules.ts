import { allow } from 'graphql-shield';
import type { RuleMap } from '@tenantry/federation';
import { isAuthenticated } from '@tenantry/auth';

export const sessionRules: RuleMap = {
  Mutation: {
    login: allow,
    refreshSession: allow,
    switchOrganisation: isAuthenticated,
    logout: isAuthenticated,
  },
  // Only ever returned to the user who just proved who they are.
  AuthPayload: allow,
};
