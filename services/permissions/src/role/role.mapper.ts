import type { RoleRecord } from '@tenantry/permissions-module';
import { Role } from './role.type';

/** A role as the graph shows it, from a record or a raw row (where booleans may come back as 0/1). */
export function toRole(record: Pick<RoleRecord, 'id' | 'organisationId' | 'key' | 'name' | 'permissions'> & { builtIn: boolean | number }): Role {
  return Object.assign(new Role(), {
    id: record.id,
    organisationId: record.organisationId,
    key: record.key,
    name: record.name,
    builtIn: Boolean(record.builtIn),
    permissions: record.permissions,
  });
}
