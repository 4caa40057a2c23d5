import { allow, and, or } from 'graphql-shield';
import { RuleMap } from '@tenantry/federation';
import { hasPermission, isAccountOwner, isAuthenticated, isInVisibleOrganisation, isOwnerOfItsAccount } from '@tenantry/auth';

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
  Organisation: or(isInVisibleOrganisation, isOwnerOfItsAccount),
  OrganisationConnection: allow,
  OrganisationEdge: allow,
  Privacy: hasPermission('organisation.read'),
  Widget: or(and(isInVisibleOrganisation, hasPermission('sites.view')), isOwnerOfItsAccount),
  OperatorGroup: or(isInVisibleOrganisation, isOwnerOfItsAccount),
  CreateOrganisationPayload: isAccountOwner,
  DeletionPreview: isAccountOwner,
  DeleteOrganisationPayload: isAccountOwner,
  User: allow,
};
