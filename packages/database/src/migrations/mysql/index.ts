import { OrganisationNameNamespace1795489996461 } from './1795489996461-OrganisationNameNamespace';
import { Initial1795472340981 } from './1795472340981-Initial';
/** MySQL migrations in the order they run. */
export const mysqlMigrations: Function[] = [Initial1795472340981, OrganisationNameNamespace1795489996461];
