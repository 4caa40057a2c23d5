import type { EntityManager } from '@tenantry/database';
import { EmbedOriginRecord } from './embed-origin.entity';

/** Replaces the organisation's embed origins (already normalised and unique) in the caller's transaction. */
export async function replaceEmbedOrigins(manager: EntityManager, organisationId: string, origins: readonly string[]): Promise<void> {
  await manager.delete(EmbedOriginRecord, { organisationId });
  if (origins.length > 0)
    await manager.insert(
      EmbedOriginRecord,
      origins.map((origin) => ({ organisationId, origin })),
    );
}
