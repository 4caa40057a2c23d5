import { DataSource, In } from '@tenantry/database';
import { OrganisationRecord } from '@tenantry/organisations-module';
import { Connection, decodeCursor, pageSize, toConnection } from '@tenantry/federation';
import { UserPrincipal } from '@tenantry/auth';
import { toOrganisation } from './organisation.mapper';
import { Organisation } from './organisation.type';
import { createOrganisationLoader } from './organisation.loaders';
import { createOperatorGroupsLoader, createWidgetsLoader } from './organisation-parts.loaders';
import { Widget } from '../widget/widget.type';
import { OperatorGroup } from '../operator-group/operator-group.type';

/** Organisation reads for one request, scoped to the organisations its principal may see. */
export class OrganisationService {
  private readonly loader;
  private readonly widgets;
  private readonly operatorGroups;

  constructor(private readonly dataSource: DataSource, private readonly principal: UserPrincipal) {
    this.loader = createOrganisationLoader(dataSource, principal.visibleOrganisationIds);
    this.widgets = createWidgetsLoader(dataSource, principal.visibleOrganisationIds);
    this.operatorGroups = createOperatorGroupsLoader(dataSource, principal.visibleOrganisationIds);
  }

  widgetsOf(organisationId: string): Promise<Widget[]> {
    return this.widgets.load(organisationId);
  }

  operatorGroupsOf(organisationId: string): Promise<OperatorGroup[]> {
    return this.operatorGroups.load(organisationId);
  }

  async findById(id: string): Promise<Organisation | null> {
    const record = await this.loader.load(id);
    return record ? toOrganisation(record) : null;
  }

  /** Visible organisations, oldest first, keyset-paginated by (createdAt, id). */
  async list(first?: number | null, after?: string | null): Promise<Connection<Organisation>> {
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    const visible = this.principal.visibleOrganisationIds;
    const query = this.dataSource
      .getRepository(OrganisationRecord)
      .createQueryBuilder('o')
      .where({ id: In(visible) })
      .orderBy('o.created_at', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .take(size + 1);
    if (cursor) {
      query.andWhere('(o.created_at > :key OR (o.created_at = :key AND o.id > :id))', { key: new Date(cursor.key), id: cursor.id });
    }
    const rows = (await query.getMany()).map(toOrganisation);
    return toConnection(rows, size, visible.length, (organisation) => organisation.createdAt.toISOString(), cursor);
  }
}
