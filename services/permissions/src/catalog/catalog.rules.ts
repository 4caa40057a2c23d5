import { allow } from 'graphql-shield';
import type { RuleMap } from '@tenantry/federation';
import { isAuthenticated } from '@tenantry/auth';

export const catalogRules: RuleMap = {
  Query: { permissionCatalog: isAuthenticated },
  Permission: allow,
};
