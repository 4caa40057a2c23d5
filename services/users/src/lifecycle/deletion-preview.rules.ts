import type { RuleMap } from '@tenantry/federation';
import { hasPermission } from '@tenantry/auth';

/** As deleteUser: users.manage here, and the administration rule in the service. */
export const deletionPreviewRules: RuleMap = {
  Query: { userDeletionPreview: hasPermission('users.manage') },
  UserDeletionPreview: hasPermission('users.manage'),
};
