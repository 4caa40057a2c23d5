import { allow, and, or, rule } from 'graphql-shield';
import type { RuleMap } from '@tenantry/federation';
import type { PrincipalContext } from '@tenantry/auth';
import { hasPermission, isAccountOwner, isAuthenticated, isInVisibleOrganisation, isOwnerOfItsAccount } from '@tenantry/auth';

/** The parent is a customer of the caller's own organisation, which the caller manages customers for. */
const isManagedByCaller = rule({ cache: 'no_cache' })(
  (parent: { managingOrganisationId?: string | null }, _args, { principal }: PrincipalContext) =>
    principal.kind === 'user' && principal.permissions.includes('customers.manage') && parent?.managingOrganisationId === principal.homeOrganisationId,
);

/** Who may do what with organisations; the services scope every query again, so a missing rule leaks nothing. */
export const organisationRules: RuleMap = {
  Query: {
    organisation: isAuthenticated,
    organisations: isAuthenticated,
    organisationDeletionPreview: isAccountOwner,
  },
  Mutation: {
    createOrganisation: isAccountOwner,
    updateOrganisation: hasPermission('organisation.manage'),
    deleteOrganisation: isAccountOwner,
    createCustomerOrganisation: hasPermission('customers.manage'),
  },
  Organisation: or(isInVisibleOrganisation, isOwnerOfItsAccount, isManagedByCaller),
  OrganisationConnection: allow,
  OrganisationEdge: allow,
  Privacy: hasPermission('organisation.read'),
  Widget: or(and(isInVisibleOrganisation, hasPermission('sites.view')), isOwnerOfItsAccount),
  OperatorGroup: or(isInVisibleOrganisation, isOwnerOfItsAccount),
  CreateOrganisationPayload: isAccountOwner,
  DeletionPreview: isAccountOwner,
  DeleteOrganisationPayload: isAccountOwner,
};
