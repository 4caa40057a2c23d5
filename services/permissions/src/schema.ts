import type { GraphQLSchema } from 'graphql';
import type { InternalErrorLogger, RuleMap } from '@tenantry/federation';
import { applyRules, buildFederatedSchema, PageInfo } from '@tenantry/federation';
import { CatalogResolver } from './catalog/catalog.resolver';
import { catalogRules } from './catalog/catalog.rules';
import { DecisionResolver } from './decision/decision.resolver';
import { decisionRules } from './decision/decision.rules';
import { PromotionResolver } from './promotion/promotion.resolver';
import { promotionRules } from './promotion/promotion.rules';
import { RoleResolver, UserRoleResolver } from './role/role.resolver';
import { roleRules } from './role/role.rules';
import { resolveUserReference } from './role/user.reference';
import { User } from './role/role.type';

/** The permissions subgraph schema without rules: what its SDL file is printed from. */
export function buildPermissionsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema(
    { resolvers: [CatalogResolver, RoleResolver, UserRoleResolver, PromotionResolver, DecisionResolver], orphanedTypes: [PageInfo, User] },
    { User: { __resolveReference: resolveUserReference } },
  );
}

/** Every rule of the subgraph, by domain module. */
export const permissionsRules: RuleMap[] = [catalogRules, roleRules, promotionRules, decisionRules];

/** The schema the subgraph serves: every field behind graphql-shield. */
export async function buildGuardedPermissionsSchema(onInternalError: InternalErrorLogger): Promise<GraphQLSchema> {
  return applyRules(await buildPermissionsSchema(), permissionsRules, onInternalError);
}
