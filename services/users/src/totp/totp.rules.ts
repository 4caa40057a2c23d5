import type { RuleMap } from '@tenantry/federation';
import { hasPermission, isAuthenticated } from '@tenantry/auth';

export const totpRules: RuleMap = {
  Mutation: {
    enableTotp: isAuthenticated,
    confirmTotp: isAuthenticated,
    disableTotp: isAuthenticated,
    // Whom the caller may administer is checked by findAdministrableUser.
    resetTotp: hasPermission('users.manage'),
  },
  // Only ever returned to the caller setting up their own second factor.
  TotpSetup: isAuthenticated,
};
