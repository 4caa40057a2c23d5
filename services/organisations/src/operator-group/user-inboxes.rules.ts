import { allow, and, or } from 'graphql-shield';
import type { RuleMap } from '@tenantry/federation';
import { hasPermission, isInVisibleOrganisation, isSelf } from '@tenantry/auth';

/** The users subgraph's rule for reading a user: oneself, or a user of a visible organisation with users.read. */
const canReadUser = or(isSelf, and(isInVisibleOrganisation, hasPermission('users.read')));

export const userInboxesRules: RuleMap = {
  // The id is what the caller already holds (a reference, or the first operator createOrganisation just made).
  User: { id: allow, organisation: canReadUser, inboxes: canReadUser, visibleWidgets: canReadUser },
};
