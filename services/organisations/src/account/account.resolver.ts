import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { OrganisationsContext } from '../context';
import { Account, AccountUsage } from './account.type';
import { OnboardingPolicy, UpdateAccountOnboardingPolicyInput } from './onboarding-policy.type';

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { nullable: true, description: "The caller's account: for the owner and promoted users only." })
  account(@Ctx() { accounts }: OrganisationsContext): Promise<Account | null> {
    return accounts().current();
  }

  @FieldResolver(() => AccountUsage, { nullable: true, description: "Usage of the plan; null for an account that is not the caller's." })
  usage(@Root() account: Account, @Ctx() { accounts }: OrganisationsContext): Promise<AccountUsage | null> {
    return accounts().usage(account);
  }

  @FieldResolver(() => OnboardingPolicy, {
    nullable: true,
    description: "How the account's administrators create users: required fields and initial passwords. Null for an account that is not the caller's.",
  })
  onboardingPolicy(@Root() account: Account, @Ctx() { onboarding }: OrganisationsContext): Promise<OnboardingPolicy | null> {
    return onboarding().of(account.id);
  }

  @Mutation(() => Account, { description: "Changes the account's onboarding policy (owner only); applies to users created from now on." })
  async updateAccountOnboardingPolicy(
    @Arg('input', { description: 'The changes; omitted fields stay as they are.' }) input: UpdateAccountOnboardingPolicyInput,
    @Ctx() { accounts, onboarding }: OrganisationsContext,
  ): Promise<Account> {
    await onboarding().update(input);
    return (await accounts().current())!;
  }
}
