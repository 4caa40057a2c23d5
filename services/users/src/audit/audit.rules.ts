import { allow, and, or } from 'graphql-shield';
import type { RuleMap } from '@tenantry/federation';
import { hasPermission, isInVisibleOrganisation, isOwnerOfItsAccount } from '@tenantry/auth';

export const auditRules: RuleMap = {
  Query: { auditEvents: hasPermission('audit.read') },
  // An organisation's events for its auditors; account-level events (they carry their accountId) for the owner.
  AuditEvent: or(and(isInVisibleOrganisation, hasPermission('audit.read')), isOwnerOfItsAccount),
  AuditEventConnection: allow,
  AuditEventEdge: allow,
  // The account's own trail: its owner only.
  Account: isOwnerOfItsAccount,
};
