import { DataSource, In } from '@tenantry/database';
import { RoleRecord } from '@tenantry/permissions-module';
import { canSeeOrganisation, UserPrincipal } from '@tenantry/auth';
import { createRoleByUserLoader } from './role.loaders';
import { toRole } from './role.mapper';
import { Role } from './role.type';

/** Role reads for one request, scoped to the organisations its principal may see. */
export class RoleService {
  private readonly roleByUser;

  constructor(private readonly dataSource: DataSource, private readonly principal: UserPrincipal) {
    this.roleByUser = createRoleByUserLoader(dataSource, principal.visibleOrganisationIds);
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
    if (!canSeeOrganisation(this.principal, organisationId)) return [];
    const rows = await this.dataSource.getRepository(RoleRecord).find({
      where: { organisationId: In([organisationId]) },
      order: { builtIn: 'DESC', name: 'ASC' },
    });
    return rows.map(toRole);
  }
}
