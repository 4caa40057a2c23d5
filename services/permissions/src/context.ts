import { DataSource } from '@tenantry/database';
import { Principal, requireUser } from '@tenantry/auth';
import { perRequest } from '@tenantry/federation';
import { RoleService } from './role/role.service';

/** Per-request context: the principal and services already scoped to what it may see. */
export interface PermissionsContext {
  principal: Principal;
  roles: () => RoleService;
}

export function createContextFactory(dataSource: DataSource) {
  return (principal: Principal): PermissionsContext => ({
    principal,
    roles: perRequest(() => new RoleService(dataSource, requireUser(principal))),
  });
}
