import type { OnboardingField, TenantScope } from '@tenantry/organisations-module';
import { findOnboardingPolicy, lockAccount, saveOnboardingPolicy } from '@tenantry/organisations-module';
import { recordAudit } from '@tenantry/users-module';
import { graphqlError } from '@tenantry/auth';
import type { OnboardingPolicy, UpdateAccountOnboardingPolicyInput } from './onboarding-policy.type';
import { UserField } from './onboarding-policy.type';

/** The onboarding policy of the caller's account (docs/product.md#onboarding-policy). */
export class OnboardingPolicyService {
  constructor(private readonly scope: TenantScope) {}

  /** The policy of the caller's own account; null for any other account. */
  async of(accountId: string): Promise<OnboardingPolicy | null> {
    if (accountId !== this.scope.principal.accountId) return null;
    return toPolicy(await findOnboardingPolicy(this.scope.database.manager, accountId));
  }

  /** Changes the policy of the owner's account and audits it at the account level; users created before keep what they have. */
  async update(input: UpdateAccountOnboardingPolicyInput): Promise<void> {
    const { principal } = this.scope;
    if (!principal.isAccountOwner) throw graphqlError('FORBIDDEN', 'Only the account owner sets the onboarding policy.');
    if (input.requiredUserFields === null) throw graphqlError('BAD_USER_INPUT', 'requiredUserFields cannot be cleared.', { field: 'requiredUserFields' });
    if (input.initialPasswords === null) throw graphqlError('BAD_USER_INPUT', 'initialPasswords cannot be cleared.', { field: 'initialPasswords' });
    if (input.requiredUserFields && !input.requiredUserFields.includes(UserField.LAST_NAME)) {
      throw graphqlError('BAD_USER_INPUT', 'The last name is always required.', { field: 'requiredUserFields' });
    }
    await this.scope.database.transaction(async (manager) => {
      await lockAccount(manager, principal.accountId);
      const current = await findOnboardingPolicy(manager, principal.accountId);
      const next = {
        requiredFields: input.requiredUserFields ? ([...new Set(input.requiredUserFields)] as OnboardingField[]) : current.requiredFields,
        initialPasswords: input.initialPasswords ?? current.initialPasswords,
      };
      await saveOnboardingPolicy(manager, principal.accountId, next);
      await recordAudit(manager, {
        accountId: principal.accountId,
        organisationId: null,
        actorUserId: principal.userId,
        action: 'account.onboarding_policy_changed',
        details: { requiredUserFields: next.requiredFields, initialPasswords: next.initialPasswords },
      });
    });
  }
}

function toPolicy(policy: { requiredFields: OnboardingField[]; initialPasswords: boolean }): OnboardingPolicy {
  return { requiredUserFields: policy.requiredFields as UserField[], initialPasswords: policy.initialPasswords };
}
