import { or } from 'graphql-shield';
import type { RuleMap } from '@tenantry/federation';
import { hasPermission, isAuthenticated, isInVisibleOrganisation, isSelf } from '@tenantry/auth';

// The reference resolver returns only users of visible organisations; reading a colleague's role needs users.read.
const canReadUser = or(isSelf, hasPermission('users.read'));
const managesRoles = hasPermission('roles.manage');

/** Who may read and change roles; the services scope every lookup again, so a missing rule leaks nothing. */
export const roleRules: RuleMap = {
  Query: { roles: isAuthenticated },
  Mutation: { createRole: managesRoles, updateRole: managesRoles, deleteRole: managesRoles, assignRole: managesRoles },
  Role: isInVisibleOrganisation,
  User: { id: canReadUser, role: canReadUser, permissions: canReadUser },
};
