import { DataSource, entities } from '@tenantry/database';

/** Rows of every table, so a refused mutation can be shown to have changed nothing. */
export async function countAllRows(dataSource: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const entity of entities) counts[entity.name] = await dataSource.getRepository(entity).count();
  return counts;
}
