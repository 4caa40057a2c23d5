import type { RuleMap } from '@tenantry/federation';
import { isAuthenticated, isSelf } from '@tenantry/auth';

/** A decision explains the caller's own rights only: nobody probes a colleague's. */
export const decisionRules: RuleMap = {
  User: { can: isSelf },
  Decision: isAuthenticated,
};
