import type { TenantScope } from '@tenantry/organisations-module';
import { AuditEventRecord } from '@tenantry/users-module';
import type { Connection } from '@tenantry/federation';
import { decodeCursor, pageSize, toConnection } from '@tenantry/federation';
import { AuditEvent } from './audit.type';

/** An account-level event as the graph shows it; accountId (not exposed) lets the rules recognise the owner. */
function toAccountAuditEvent(record: AuditEventRecord): AuditEvent {
  return Object.assign(new AuditEvent(), {
    id: record.id,
    accountId: record.accountId,
    organisationId: null,
    action: record.action,
    actorId: record.actorUserId,
    targetId: record.targetId,
    details: JSON.stringify(record.details ?? {}),
    createdAt: record.createdAt,
  });
}

/**
 * The account's own audit trail: events kept at account level (no organisation), such as an
 * organisation deleted or a customer made independent, which outlive the organisation they name.
 * Only the account's owner reads it; anybody else, or another account, gets an empty page.
 */
export class AccountAuditService {
  constructor(private readonly scope: TenantScope) {}

  /** Whether the caller owns this account: the one reader of its trail. */
  isOwnerOf(accountId: string): boolean {
    return this.scope.principal.isAccountOwner && this.scope.principal.accountId === accountId;
  }

  /** Newest first, keyset-paginated by (createdAt, id) descending, like the organisations' trails. */
  async list(accountId: string, first?: number | null, after?: string | null): Promise<Connection<AuditEvent>> {
    const size = pageSize(first);
    const cursor = decodeCursor(after);
    // An impossible account id for anybody but the owner: the query then finds nothing.
    const ownAccountId = this.isOwnerOf(accountId) ? accountId : '';
    const base = () =>
      this.scope.database.manager
        .getRepository(AuditEventRecord)
        .createQueryBuilder('e')
        .where('e.account_id = :accountId AND e.organisation_id IS NULL', { accountId: ownAccountId });
    const page = base()
      .orderBy('e.created_at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(size + 1);
    if (cursor) page.andWhere('(e.created_at < :key OR (e.created_at = :key AND e.id < :id))', { key: new Date(cursor.key), id: cursor.id });
    const [rows, totalCount] = await Promise.all([page.getMany(), base().getCount()]);
    return toConnection(rows.map(toAccountAuditEvent), size, totalCount, (event) => event.createdAt.toISOString(), cursor);
  }
}
