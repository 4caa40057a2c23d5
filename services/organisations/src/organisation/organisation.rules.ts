import { allow, and } from 'graphql-shield';
import { RuleMap } from '@tenantry/federation';
import { hasPermission, isAccountOwner, isAuthenticated, isInVisibleOrganisation } from '@tenantry/auth';

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
  Organisation: isInVisibleOrganisation,
  OrganisationConnection: allow,
  OrganisationEdge: allow,
  Privacy: hasPermission('organisation.read'),
  Widget: and(isInVisibleOrganisation, hasPermission('sites.view')),
  OperatorGroup: isInVisibleOrganisation,
  CreateOrganisationPayload: isAccountOwner,
  DeletionPreview: isAccountOwner,
  DeleteOrganisationPayload: isAccountOwner,
  User: allow,
};
