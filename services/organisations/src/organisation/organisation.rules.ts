import { allow } from 'graphql-shield';
import { RuleMap } from '@tenantry/federation';
import { hasPermission, isAuthenticated, isInVisibleOrganisation } from '@tenantry/auth';

/** Who may read organisations: the repository scoping already hides foreign ones; rules say it again. */
export const organisationRules: RuleMap = {
  Query: {
    organisation: isAuthenticated,
    organisations: isAuthenticated,
  },
  Organisation: isInVisibleOrganisation,
  OrganisationConnection: allow,
  OrganisationEdge: allow,
  Privacy: hasPermission('organisation.read'),
};
