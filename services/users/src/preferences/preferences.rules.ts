import { allow } from 'graphql-shield';
import type { RuleMap } from '@tenantry/federation';
import { hasPermission, isAuthenticated } from '@tenantry/auth';

export const preferencesRules: RuleMap = {
  // Seeing and setting one's own status comes with the right to view colleagues (docs/product.md#preferences).
  Mutation: { updateMyPreferences: isAuthenticated, setMyAvailability: hasPermission('users.read') },
  // Reached only through User.preferences, which only the user themself may read.
  Preferences: allow,
  NotificationSettings: allow,
  Signature: allow,
  DefaultReplyAccount: allow,
};
