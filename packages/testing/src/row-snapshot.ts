import { createHash } from 'node:crypto';
import type { DataSource } from '@tenantry/database';
import { productSchema } from '@tenantry/store';

/** Tables the background mail worker updates: only what a request could change is compared. */
const BACKGROUND_COLUMNS: Record<string, string[]> = {
  mail_outbox: ['t.id', 't.organisation_id', 't.to_address', 't.subject', 't.created_at'],
};

/**
 * Every table's row count and a digest of its contents, so a refused mutation can be shown to
 * have changed nothing: not a row added or removed, and not a value updated in place.
 */
export async function snapshotAllRows(dataSource: DataSource): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {};
  for (const entity of productSchema.entities) {
    const metadata = dataSource.getMetadata(entity);
    const columns = BACKGROUND_COLUMNS[metadata.tableName] ?? '*';
    const rows = await dataSource.createQueryBuilder().select(columns).from(metadata.tableName, 't').getRawMany();
    const lines = rows.map((row) => JSON.stringify(row)).sort();
    snapshot[metadata.tableName] = `${rows.length} rows, ${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return snapshot;
}
