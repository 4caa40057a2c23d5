import type { DatabaseSchema } from '@tenantry/database';
import { mysqlMigrations } from './migrations/mysql';
import { sqliteMigrations } from './migrations/sqlite';
import { PromotionRecord } from './promotion/promotion.entity';
import { RoleAssignmentRecord } from './role/role-assignment.entity';
import { RoleRecord } from './role/role.entity';

export * from './promotion/promotion.commands';
export * from './promotion/promotion.entity';
export * from './role/role-assignment.entity';
export * from './role/role.commands';
export * from './role/role.entity';
export * from './role/role.queries';

/** The tables this module owns: roles, who holds which, and the organisations the owner granted. */
export const permissionsTables: DatabaseSchema = {
  entities: [RoleRecord, RoleAssignmentRecord, PromotionRecord],
  migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
};
