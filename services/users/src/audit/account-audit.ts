import type { TenantScope } from '@tenantry/organisations-module';
import type { Connection } from '@tenantry/federation';
import { auditEventPage } from './audit.service';
import type { AuditEvent } from './audit.type';

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
  list(accountId: string, first?: number | null, after?: string | null): Promise<Connection<AuditEvent>> {
    // An impossible account id for anybody but the owner: the query then finds nothing.
    const ownAccountId = this.isOwnerOf(accountId) ? accountId : '';
    return auditEventPage(this.scope, { sql: 'e.account_id = :accountId AND e.organisation_id IS NULL', params: { accountId: ownAccountId } }, first, after);
  }
}
