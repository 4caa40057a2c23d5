import type { DataSource } from '@tenantry/database';
import type { Principal, PrincipalContext } from '@tenantry/auth';
import { requireUser } from '@tenantry/auth';
import { createTenantScope } from '@tenantry/organisations-module';
import { perRequest } from '@tenantry/federation';
import { DecisionService } from './decision/decision.service';
import { PromotionService } from './promotion/promotion.service';
import { RoleLifecycleService } from './role/role-lifecycle.service';
import { RoleService } from './role/role.service';

/** Per-request context: the principal and services already scoped to what it may see. */
export interface PermissionsContext extends PrincipalContext {
  principal: Principal;
  roles: () => RoleService;
  roleLifecycle: () => RoleLifecycleService;
  promotions: () => PromotionService;
  decisions: () => DecisionService;
}

export function createContextFactory(dataSource: DataSource) {
  return (principal: Principal): PermissionsContext => {
    // The request's composition root: one tenant scope, built on first use; UNAUTHENTICATED for anonymous callers.
    const scope = perRequest(() => createTenantScope(dataSource, requireUser(principal)));
    const roles = perRequest(() => new RoleService(scope()));
    return {
      principal,
      roles,
      roleLifecycle: perRequest(() => new RoleLifecycleService(scope(), () => roles().forgetAll())),
      promotions: perRequest(() => new PromotionService(scope())),
      decisions: perRequest(() => new DecisionService(scope())),
      organisationVisibility: { canSee: async (id) => principal.kind === 'user' && scope().visibility.canSee(id) },
    };
  };
}
