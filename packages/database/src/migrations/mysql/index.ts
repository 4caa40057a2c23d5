import { Initial1795468716183 } from './1795468716183-Initial';
/** MySQL migrations in the order they run. */
export const mysqlMigrations: Function[] = [Initial1795468716183];
