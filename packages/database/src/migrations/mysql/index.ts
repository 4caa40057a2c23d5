import { TotpLastUsedStep1795487821626 } from './1795487821626-TotpLastUsedStep';
import { Initial1795472340981 } from './1795472340981-Initial';
/** MySQL migrations in the order they run. */
export const mysqlMigrations: Function[] = [Initial1795472340981, TotpLastUsedStep1795487821626];
