import DataLoader from 'dataloader';
import { DataSource, In } from '@tenantry/database';
import { OrganisationRecord } from '@tenantry/organisations-module';

/**
 * Organisations by id, limited to the ids the caller may see: a foreign id loads as null,
 * exactly like a missing one. One SELECT per batch.
 */
export function createOrganisationLoader(dataSource: DataSource, visibleIds: readonly string[]) {
  const visible = new Set(visibleIds);
  return new DataLoader<string, OrganisationRecord | null>(async (ids) => {
    const wanted = ids.filter((id) => visible.has(id));
    const rows = wanted.length ? await dataSource.getRepository(OrganisationRecord).findBy({ id: In([...new Set(wanted)]) }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
