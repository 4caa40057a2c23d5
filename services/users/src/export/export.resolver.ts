import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { UsersContext } from '../context';

@Resolver()
export class ExportResolver {
  @Query(() => String, {
    nullable: true,
    description:
      'Users of an organisation as CSV: a header, then one row per user with username, firstName, lastName, email, status, role, tfaEnabled, lastLoginAt, createdAt. ' +
      'Nullable so that a failure of the users subgraph nulls only this field, not the other root fields of the same request.',
  })
  usersCsv(
    @Arg('organisationId', () => ID, { description: 'The organisation whose users to export; one the caller may see.' }) organisationId: string,
    @Ctx() { exports }: UsersContext,
  ): Promise<string> {
    return exports().usersCsv(organisationId);
  }
}
