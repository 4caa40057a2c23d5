import type { TenantScope } from '@tenantry/organisations-module';
import { pageOfVisibleOrganisations } from '@tenantry/organisations-module';
import type { Connection } from '@tenantry/federation';
import { decodeCursor, pageSize, toConnection } from '@tenantry/federation';
import { toOrganisation } from './organisation.mapper';
import type { Organisation } from './organisation.type';
import { createOperatorGroupsLoader, createWidgetsLoader } from './organisation-parts.loaders';
import type { Widget } from '../widget/widget.type';
import type { OperatorGroup } from '../operator-group/operator-group.type';

/** Organisation reads for one request, scoped to the organisations its principal may see. */
export class OrganisationService {
  private readonly widgets;
  private readonly operatorGroups;

  constructor(private readonly scope: TenantScope) {
    this.widgets = createWidgetsLoader(scope);
    this.operatorGroups = createOperatorGroupsLoader(scope);
  }

  widgetsOf(organisationId: string): Promise<Widget[]> {
    return this.widgets.load(organisationId);
  }

  operatorGroupsOf(organisationId: string): Promise<OperatorGroup[]> {
    return this.operatorGroups.load(organisationId);
  }

  async findById(id: string): Promise<Organisation | null> {
    const record = await this.scope.visibility.load(id);
    return record ? toOrganisation(record) : null;
  }

  /** Visible organisations, oldest first, keyset-paginated by (createdAt, id). */
  async list(first?: number | null, after?: string | null): Promise<Connection<Organisation>> {
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    const { rows, totalCount } = await pageOfVisibleOrganisations(this.scope.database.manager, this.scope.principal, size, cursor);
    return toConnection(rows.map(toOrganisation), size, totalCount, (organisation) => organisation.createdAt.toISOString(), cursor);
  }
}
