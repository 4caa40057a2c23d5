import { Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { OrganisationsContext } from '../context';
import { Account, AccountUsage } from './account.type';

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
}
