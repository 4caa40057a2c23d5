import { allow, and, or } from 'graphql-shield';
import type { RuleMap } from '@tenantry/federation';
import { hasPermission, isInVisibleOrganisation, isSelf } from '@tenantry/auth';

export const emailChangeRules: RuleMap = {
  // The link itself is the credential, like activation and password-reset links.
  Mutation: { confirmEmailChange: allow },
  // The user, and callers who may edit users of that organisation (the ones who could have asked for the change).
  User: { pendingEmail: or(isSelf, and(isInVisibleOrganisation, hasPermission('users.manage'))) },
};
