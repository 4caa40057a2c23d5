import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { OrganisationsContext } from '../context';
import { Account } from '../account/account.type';

@Resolver()
export class CustomerResolver {
  @Mutation(() => Account, { description: 'Turns a customer organisation into the default organisation of a new account owned by one of its administrators.' })
  makeCustomerIndependent(
    @Arg('organisationId', () => ID) organisationId: string,
    @Arg('ownerUserId', () => ID) ownerUserId: string,
    @Ctx() { independence }: OrganisationsContext,
  ): Promise<Account> {
    return independence().makeIndependent(organisationId, ownerUserId);
  }
}
