import { or } from 'graphql-shield';
import { RuleMap } from '@tenantry/federation';
import { hasPermission, isAccountOwner } from '@tenantry/auth';

export const customerRules: RuleMap = {
  Mutation: { makeCustomerIndependent: or(isAccountOwner, hasPermission('customers.manage')) },
};
