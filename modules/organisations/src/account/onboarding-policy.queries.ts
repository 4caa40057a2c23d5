import type { EntityManager } from '@tenantry/database';
import { AccountRecord } from './account.entity';
import type { OnboardingPolicy } from './account.entity';

/** An account that never chose a policy: email, first and last name required, activation mail only (docs/product.md#onboarding-policy). */
export const DEFAULT_ONBOARDING_POLICY: OnboardingPolicy = { requiredFields: ['EMAIL', 'FIRST_NAME', 'LAST_NAME'], initialPasswords: false };

/** The account's onboarding policy, or the default; a missing account reads the default too (its users cannot exist). */
export async function findOnboardingPolicy(manager: EntityManager, accountId: string): Promise<OnboardingPolicy> {
  const account = await manager.findOne(AccountRecord, { select: { id: true, onboardingPolicy: true }, where: { id: accountId } });
  return account?.onboardingPolicy ?? DEFAULT_ONBOARDING_POLICY;
}

/** Replaces the account's onboarding policy. */
export async function saveOnboardingPolicy(manager: EntityManager, accountId: string, policy: OnboardingPolicy): Promise<void> {
  await manager.update(AccountRecord, { id: accountId }, { onboardingPolicy: policy });
}
