import { allow, or } from 'graphql-shield';
import type { RuleMap } from '@tenantry/federation';
import { isAccountOwner, isPromoted } from '@tenantry/auth';

const ownerOrPromoted = or(isAccountOwner, isPromoted);

export const accountRules: RuleMap = {
  Query: { account: ownerOrPromoted },
  Mutation: { updateAccountOnboardingPolicy: isAccountOwner },
  // Reached through `account` (owner or promoted) or makeCustomerIndependent (its own rule).
  Account: allow,
  AccountUsage: ownerOrPromoted,
  OnboardingPolicy: ownerOrPromoted,
};
