import type { MigrationClass } from '@tenantry/database';
import { OwnerSchemaRead1795491975345 } from './1795491975345-OwnerSchemaRead';

/** This module's mysql migrations, oldest first; the store runs every module's in one history. */
export const mysqlMigrations: MigrationClass[] = [OwnerSchemaRead1795491975345];
