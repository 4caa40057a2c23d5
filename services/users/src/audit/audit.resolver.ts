import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { UsersContext } from '../context';
import { AuditEventConnection } from './audit.type';

@Resolver()
export class AuditResolver {
  @Query(() => AuditEventConnection, { description: 'The audit trail of an organisation, newest first (administrators).' })
  auditEvents(
    @Arg('organisationId', () => ID) organisationId: string,
    @Ctx() { audit }: UsersContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' }) after?: string | null,
  ) {
    return audit().list(organisationId, first, after);
  }
}
