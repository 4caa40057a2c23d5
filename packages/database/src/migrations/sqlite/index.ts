import { EmailChange1795487665872 } from './1795487665872-EmailChange';
import { Initial1795472340981 } from './1795472340981-Initial';
import { OrganisationNameNamespace1795489996461 } from './1795489996461-OrganisationNameNamespace';
import { OwnerSchemaRead1795491975345 } from './1795491975345-OwnerSchemaRead';
import { TotpLastUsedStep1795489905997 } from './1795489905997-TotpLastUsedStep';
/** SQLite migrations in the order they run. */
export const sqliteMigrations: Function[] = [Initial1795472340981, EmailChange1795487665872, TotpLastUsedStep1795489905997, OrganisationNameNamespace1795489996461, OwnerSchemaRead1795491975345];
