import type { MigrationClass } from '@tenantry/database';
import { Initial1795472340981 } from './1795472340981-Initial';

/** The schema as it stood before modules owned their tables: every table, created at once. */
export const mysqlBaseline: MigrationClass[] = [Initial1795472340981];
