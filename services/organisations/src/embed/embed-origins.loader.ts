import DataLoader from 'dataloader';
import type { TenantScope } from '@tenantry/organisations-module';
import { embedOriginsOf } from '@tenantry/organisations-module';

/** The embed origins of many visible organisations in one SELECT; an organisation the caller cannot see has none. */
export function createEmbedOriginsLoader(scope: TenantScope) {
  return new DataLoader<string, string[]>(async (organisationIds) => {
    const seen = await Promise.all(organisationIds.map((id) => scope.visibility.canSee(id)));
    const origins = await embedOriginsOf(
      scope.database.manager,
      organisationIds.filter((_id, index) => seen[index]),
    );
    return organisationIds.map((id) => origins.get(id) ?? []);
  });
}
