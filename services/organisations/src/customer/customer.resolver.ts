import { Arg, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { OrganisationsContext } from '../context';
import { Account } from '../account/account.type';

@Resolver()
export class CustomerResolver {
  @Mutation(() => Account, { description: 'Turns a customer organisation into the default organisation of a new account owned by one of its administrators.' })
  makeCustomerIndependent(
    @Arg('organisationId', () => ID, { description: 'The CUSTOMER organisation that becomes independent; one the caller manages.' }) organisationId: string,
    @Arg('ownerUserId', () => ID, { description: 'An ADMINISTRATOR of that organisation who becomes the owner of the new account.' }) ownerUserId: string,
    @Ctx() { independence }: OrganisationsContext,
  ): Promise<Account> {
    return independence().makeIndependent(organisationId, ownerUserId);
  }
}
