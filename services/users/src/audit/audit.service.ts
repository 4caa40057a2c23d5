import type { TenantScope } from '@tenantry/organisations-module';
import { AuditEventRecord } from '@tenantry/users-module';
import type { Connection } from '@tenantry/federation';
import { decodeCursor, pageSize, toConnection } from '@tenantry/federation';
import { assertOrganisationInScope } from '../user/user.scope';
import { AuditEvent } from './audit.type';

/** An event as the graph shows it; accountId (not exposed) lets the rules recognise the owner of account-level events. */
function toAuditEvent(record: AuditEventRecord): AuditEvent {
  return Object.assign(new AuditEvent(), {
    id: record.id,
    accountId: record.accountId,
    organisationId: record.organisationId,
    action: record.action,
    actorId: record.actorUserId,
    targetId: record.targetId,
    details: JSON.stringify(record.details ?? {}),
    createdAt: record.createdAt,
  });
}

/** One page of the events matching `where`, newest first, keyset-paginated by (createdAt, id) descending. */
export async function auditEventPage(
  scope: TenantScope,
  where: { sql: string; params: Record<string, unknown> },
  first?: number | null,
  after?: string | null,
): Promise<Connection<AuditEvent>> {
  const size = pageSize(first);
  const cursor = decodeCursor(after);
  const base = () => scope.database.manager.getRepository(AuditEventRecord).createQueryBuilder('e').where(where.sql, where.params);
  const page = base()
    .orderBy('e.created_at', 'DESC')
    .addOrderBy('e.id', 'DESC')
    .take(size + 1);
  if (cursor) page.andWhere('(e.created_at < :key OR (e.created_at = :key AND e.id < :id))', { key: new Date(cursor.key), id: cursor.id });
  const [rows, totalCount] = await Promise.all([page.getMany(), base().getCount()]);
  return toConnection(rows.map(toAuditEvent), size, totalCount, (event) => event.createdAt.toISOString(), cursor);
}

/** The audit trail of organisations the principal may see. */
export class AuditService {
  constructor(private readonly scope: TenantScope) {}

  async list(organisationId: string, first?: number | null, after?: string | null): Promise<Connection<AuditEvent>> {
    await assertOrganisationInScope(this.scope, organisationId);
    return auditEventPage(this.scope, { sql: 'e.organisation_id = :organisationId', params: { organisationId } }, first, after);
  }
}
