import { allow, and } from 'graphql-shield';
import type { RuleMap } from '@tenantry/federation';
import { hasPermission, isInVisibleOrganisation } from '@tenantry/auth';

export const auditRules: RuleMap = {
  Query: { auditEvents: hasPermission('audit.read') },
  AuditEvent: and(isInVisibleOrganisation, hasPermission('audit.read')),
  AuditEventConnection: allow,
  AuditEventEdge: allow,
};
