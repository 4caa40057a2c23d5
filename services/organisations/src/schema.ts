import type { GraphQLSchema } from 'graphql';
import type { InternalErrorLogger } from '@tenantry/federation';
import { buildFederatedSchema, applyRules, PageInfo } from '@tenantry/federation';
import { OrganisationResolver } from './organisation/organisation.resolver';
import { resolveOrganisationReference } from './organisation/organisation.reference';
import { organisationRules } from './organisation/organisation.rules';
import { AccountResolver } from './account/account.resolver';
import { accountRules } from './account/account.rules';
import { CustomerResolver } from './customer/customer.resolver';
import { customerRules } from './customer/customer.rules';
import { resolveUserReference, UserInboxesResolver } from './operator-group/user-inboxes.resolver';
import { userInboxesRules } from './operator-group/user-inboxes.rules';
import { EmbedOriginsResolver } from './embed/embed-origins.resolver';
import { UserVisibleWidgetsResolver } from './widget/user-visible-widgets.resolver';

/** The organisations subgraph schema without rules: what its SDL file is printed from. */
export function buildOrganisationsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    {
      resolvers: [OrganisationResolver, AccountResolver, CustomerResolver, UserInboxesResolver, EmbedOriginsResolver, UserVisibleWidgetsResolver],
      orphanedTypes: [PageInfo],
    },
    { Organisation: { __resolveReference: resolveOrganisationReference }, User: { __resolveReference: resolveUserReference } },
  );
}

/** Every rule of the subgraph, by domain module. */
export const organisationsRules = [organisationRules, accountRules, customerRules, userInboxesRules];

/** The schema the subgraph serves: every field behind graphql-shield. */
export async function buildGuardedOrganisationsSchema(onInternalError: InternalErrorLogger): Promise<GraphQLSchema> {
  return applyRules(await buildOrganisationsSchema(), organisationsRules, onInternalError);
}
