import { UserSearchTerms1795508917877 } from './1795508917877-UserSearchTerms';
import { OnboardingWithoutMailbox1795501751668 } from './1795501751668-OnboardingWithoutMailbox';
import type { MigrationClass } from '@tenantry/database';
import { EmailChange1795487665872 } from './1795487665872-EmailChange';
import { TotpLastUsedStep1795489905997 } from './1795489905997-TotpLastUsedStep';

/** This module's mysql migrations, oldest first; the store runs every module's in one history. */
export const mysqlMigrations: MigrationClass[] = [
  EmailChange1795487665872,
  TotpLastUsedStep1795489905997,
  OnboardingWithoutMailbox1795501751668,
  UserSearchTerms1795508917877,
];
