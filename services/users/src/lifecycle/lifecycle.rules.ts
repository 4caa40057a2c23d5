import type { RuleMap } from '@tenantry/federation';
import { hasPermission } from '@tenantry/auth';

const mayManage = hasPermission('users.manage');

export const lifecycleRules: RuleMap = {
  Mutation: {
    suspendUser: mayManage,
    restoreAccess: mayManage,
    unlockUser: mayManage,
    archiveUser: mayManage,
    restoreUser: mayManage,
    deleteUser: mayManage,
  },
};
