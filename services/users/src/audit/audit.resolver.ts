import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { UsersContext } from '../context';
import { AuditEventConnection } from './audit.type';

@Resolver()
export class AuditResolver {
  @Query(() => AuditEventConnection, {
    nullable: true,
    description:
      'The audit trail of an organisation, newest first (administrators). ' +
      'Nullable so that a failure of the users subgraph nulls only this field, not the other root fields of the same request.',
  })
  auditEvents(
    @Arg('organisationId', () => ID, { description: 'The organisation whose trail to read; one the caller may see.' }) organisationId: string,
    @Ctx() { audit }: UsersContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' }) after?: string | null,
  ) {
    return audit().list(organisationId, first, after);
  }
}
