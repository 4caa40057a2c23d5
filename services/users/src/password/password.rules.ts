import { allow } from 'graphql-shield';
import type { RuleMap } from '@tenantry/federation';
import { hasPermission, isAuthenticated } from '@tenantry/auth';

export const passwordRules: RuleMap = {
  Mutation: { requestPasswordReset: allow, resetPassword: allow, changePassword: isAuthenticated, setUserPassword: hasPermission('users.manage') },
};
