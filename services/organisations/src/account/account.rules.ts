import { allow, or } from 'graphql-shield';
import { RuleMap } from '@tenantry/federation';
import { isAccountOwner, isPromoted } from '@tenantry/auth';

export const accountRules: RuleMap = {
  Query: { account: or(isAccountOwner, isPromoted) },
  Account: allow,
};
