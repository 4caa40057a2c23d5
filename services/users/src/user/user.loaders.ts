import DataLoader from 'dataloader';
import { DataSource, In } from '@tenantry/database';
import { UserRecord } from '@tenantry/users-module';

/**
 * Users by id, only from organisations the caller may see: a foreign id loads as null,
 * like a missing one. One SELECT per batch.
 */
export function createUserLoader(dataSource: DataSource, visibleOrganisationIds: readonly string[]) {
  return new DataLoader<string, UserRecord | null>(async (ids) => {
    const rows = await dataSource
      .getRepository(UserRecord)
      .findBy({ id: In([...new Set(ids)]), organisationId: In([...visibleOrganisationIds]) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}
