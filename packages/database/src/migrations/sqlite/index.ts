import { TotpLastUsedStep1795487821626 } from './1795487821626-TotpLastUsedStep';
import { Initial1795472340981 } from './1795472340981-Initial';
/** SQLite migrations in the order they run. */
export const sqliteMigrations: Function[] = [Initial1795472340981, TotpLastUsedStep1795487821626];
