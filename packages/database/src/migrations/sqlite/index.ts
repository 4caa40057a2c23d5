import { Initial1795468716183 } from './1795468716183-Initial';
/** SQLite migrations in the order they run. */
export const sqliteMigrations: Function[] = [Initial1795468716183];
