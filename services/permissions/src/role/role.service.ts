import type { TenantScope } from '@tenantry/organisations-module';
import { In } from '@tenantry/database';
import { RoleRecord } from '@tenantry/permissions-module';
import { createRoleByUserLoader } from './role.loaders';
import { toRole } from './role.mapper';
import type { Role } from './role.type';

/** Role reads for one request, scoped to the organisations its principal may see. */
export class RoleService {
  private readonly roleByUser;

  constructor(private readonly scope: TenantScope) {
    this.roleByUser = createRoleByUserLoader(scope);
  }

  roleOf(userId: string): Promise<Role | null> {
    return this.roleByUser.load(userId);
  }

  /** Drops loaded roles after a change in this request, so its answer shows the new state. */
  forgetAll(): void {
    this.roleByUser.clearAll();
  }

  /** Roles of an organisation; a foreign organisation has none, like a missing one. */
  async inOrganisation(organisationId: string): Promise<Role[]> {
    if (!(await this.scope.visibility.canSee(organisationId))) return [];
    const rows = await this.scope.database.manager.getRepository(RoleRecord).find({
      where: { organisationId: In([organisationId]) },
      order: { builtIn: 'DESC', name: 'ASC' },
    });
    return rows.map(toRole);
  }
}
