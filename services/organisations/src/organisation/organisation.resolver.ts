import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { Connection } from '@tenantry/federation';
import { OrganisationsContext } from '../context';
import { Organisation, OrganisationConnection } from './organisation.type';

@Resolver(() => Organisation)
export class OrganisationResolver {
  @Query(() => Organisation, { nullable: true, description: 'One organisation the caller may see; null for any other id.' })
  organisation(@Arg('id', () => ID) id: string, @Ctx() { organisations }: OrganisationsContext): Promise<Organisation | null> {
    return organisations().findById(id);
  }

  @Query(() => OrganisationConnection, { description: 'The organisations the caller may see, oldest first.' })
  organisations(
    @Ctx() { organisations }: OrganisationsContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<Connection<Organisation>> {
    return organisations().list(first, after);
  }
}
