import { Initial1795469261177 } from './1795469261177-Initial';
/** SQLite migrations in the order they run. */
export const sqliteMigrations: Function[] = [Initial1795469261177];
