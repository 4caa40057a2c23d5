import { allow } from 'graphql-shield';
import type { RuleMap } from '@tenantry/federation';
import { isAuthenticated } from '@tenantry/auth';

export const preferencesRules: RuleMap = {
  Mutation: { updateMyPreferences: isAuthenticated, setMyAvailability: isAuthenticated },
  // Reached only through User.preferences, which only the user themself may read.
  Preferences: allow,
  NotificationSettings: allow,
  Signature: allow,
};
