import { OrganisationNameNamespace1795489996461 } from './1795489996461-OrganisationNameNamespace';
import { Initial1795472340981 } from './1795472340981-Initial';
/** SQLite migrations in the order they run. */
export const sqliteMigrations: Function[] = [Initial1795472340981, OrganisationNameNamespace1795489996461];
