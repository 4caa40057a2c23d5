import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { UsersContext } from '../context';

@Resolver()
export class ExportResolver {
  @Query(() => String, {
    description: 'Users of an organisation as CSV: username, firstName, lastName, email, status, role, tfaEnabled, lastLoginAt, createdAt.',
  })
  usersCsv(@Arg('organisationId', () => ID) organisationId: string, @Ctx() { exports }: UsersContext): Promise<string> {
    return exports().usersCsv(organisationId);
  }
}
