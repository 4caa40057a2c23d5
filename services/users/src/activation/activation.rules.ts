import { allow } from 'graphql-shield';
import type { RuleMap } from '@tenantry/federation';
import { hasPermission } from '@tenantry/auth';

export const activationRules: RuleMap = {
  // The link itself is the credential.
  Mutation: { activateAccount: allow, resendActivation: hasPermission('users.manage') },
};
