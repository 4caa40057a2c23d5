import { RuleMap } from '@tenantry/federation';
import { isAuthenticated } from '@tenantry/auth';

export const totpRules: RuleMap = {
  Mutation: { enableTotp: isAuthenticated, confirmTotp: isAuthenticated, disableTotp: isAuthenticated },
  // Only ever returned to the caller setting up their own second factor.
  TotpSetup: isAuthenticated,
};
