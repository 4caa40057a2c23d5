import { OrganisationPageIndexes1795504265926 } from './1795504265926-OrganisationPageIndexes';
import { AccountOnboardingPolicy1795501771367 } from './1795501771367-AccountOnboardingPolicy';
import { EmbedOrigins1795501850293 } from './1795501850293-EmbedOrigins';
import type { MigrationClass } from '@tenantry/database';
import { ManagingOrganisationIndex1795497922013 } from './1795497922013-ManagingOrganisationIndex';
import { OrganisationNameNamespace1795489996461 } from './1795489996461-OrganisationNameNamespace';

/** This module's mysql migrations, oldest first; the store runs every module's in one history. */
export const mysqlMigrations: MigrationClass[] = [
  OrganisationNameNamespace1795489996461,
  ManagingOrganisationIndex1795497922013,
  AccountOnboardingPolicy1795501771367,
  EmbedOrigins1795501850293,
  OrganisationPageIndexes1795504265926,
];
