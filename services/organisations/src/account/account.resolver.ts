import { Ctx, Query, Resolver } from 'type-graphql';
import { OrganisationsContext } from '../context';
import { Account } from './account.type';

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { nullable: true, description: 'The caller\'s account: for the owner and promoted users only.' })
  account(@Ctx() { accounts }: OrganisationsContext): Promise<Account | null> {
    return accounts().current();
  }
}
