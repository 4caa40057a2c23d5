import { RoleRecord } from '@tenantry/database';
import { Role } from './role.type';

export function toRole(record: RoleRecord): Role {
  return Object.assign(new Role(), {
    id: record.id,
    organisationId: record.organisationId,
    key: record.key,
    name: record.name,
    builtIn: Boolean(record.builtIn),
    permissions: record.permissions,
  });
}
