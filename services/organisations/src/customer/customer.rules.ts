import type { RuleMap } from '@tenantry/federation';
import { isAccountOwner } from '@tenantry/auth';

/**
 * Taking a customer out of the account is the owner's decision alone: a holder of
 * customers.manage could otherwise plant an ADMINISTRATOR and walk away with the customer.
 */
export const customerRules: RuleMap = {
  Mutation: { makeCustomerIndependent: isAccountOwner },
};
