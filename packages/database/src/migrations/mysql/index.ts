import { Initial1795469261177 } from './1795469261177-Initial';
/** MySQL migrations in the order they run. */
export const mysqlMigrations: Function[] = [Initial1795469261177];
