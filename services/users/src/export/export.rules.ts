import type { RuleMap } from '@tenantry/federation';
import { hasPermission } from '@tenantry/auth';

export const exportRules: RuleMap = {
  Query: { usersCsv: hasPermission('users.export') },
};
