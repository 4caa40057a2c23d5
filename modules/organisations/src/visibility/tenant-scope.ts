import type { UserPrincipal } from '@tenantry/auth';
import type { DataSource, RequestDatabase } from '@tenantry/database';
import { requestDatabase } from '@tenantry/database';
import { OrganisationVisibility } from './organisation-visibility';

/**
 * One signed-in request's composition root (docs/architecture.md#one-scope-per-request): who asks,
 * the database as the request uses it, and the visibility rule bound to the caller. Subgraph
 * contexts build one per request; services receive it and never the DataSource.
 */
export interface TenantScope {
  readonly principal: UserPrincipal;
  readonly database: RequestDatabase;
  readonly visibility: OrganisationVisibility;
}

export function createTenantScope(dataSource: DataSource, principal: UserPrincipal): TenantScope {
  return { principal, database: requestDatabase(dataSource), visibility: new OrganisationVisibility(dataSource.manager, principal) };
}
