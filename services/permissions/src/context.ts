import { DataSource } from '@tenantry/database';
import { Principal, requireUser } from '@tenantry/auth';
import { perRequest } from '@tenantry/federation';
import { DecisionService } from './decision/decision.service';
import { PromotionService } from './promotion/promotion.service';
import { RoleLifecycleService } from './role/role-lifecycle.service';
import { RoleService } from './role/role.service';

/** Per-request context: the principal and services already scoped to what it may see. */
export interface PermissionsContext {
  principal: Principal;
  roles: () => RoleService;
  roleLifecycle: () => RoleLifecycleService;
  promotions: () => PromotionService;
  decisions: () => DecisionService;
}

export function createContextFactory(dataSource: DataSource) {
  return (principal: Principal): PermissionsContext => {
    const roles = perRequest(() => new RoleService(dataSource, requireUser(principal)));
    return {
      principal,
      roles,
      roleLifecycle: perRequest(() => new RoleLifecycleService(dataSource, requireUser(principal), () => roles().forgetAll())),
      promotions: perRequest(() => new PromotionService(dataSource, requireUser(principal))),
      decisions: perRequest(() => new DecisionService(dataSource, requireUser(principal))),
    };
  };
}
