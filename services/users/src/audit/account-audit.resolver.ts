import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { UsersContext } from '../context';
import { Account } from './account.type';
import { AuditEventConnection } from './audit.type';

@Resolver(() => Account)
export class AccountAuditResolver {
  @FieldResolver(() => AuditEventConnection, {
    description:
      'Events kept at account level, newest first: organisations deleted, customers made independent; they outlive the organisation they name. ' +
      "The account owner only. An organisation's own events are in auditEvents(organisationId).",
  })
  auditEvents(
    @Root() account: Account,
    @Ctx() { accountAudit }: UsersContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'endCursor of the previous page.' }) after?: string | null,
  ) {
    return accountAudit().list(account.id, first, after);
  }
}

/** Resolves Account references: only the caller's own account resolves, anything else is null. */
export function resolveAccountReference(reference: { id: string }, context: UsersContext): Account | null {
  return context.principal.kind === 'user' && context.principal.accountId === reference.id
    ? Object.assign(new Account(), { id: reference.id, accountId: reference.id })
    : null;
}
