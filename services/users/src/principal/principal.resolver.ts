import {
  AccountRecord, DataSource, OrganisationRecord, RoleAssignmentRecord, RoleRecord, SessionRecord, UserRecord, UserStatus,
} from '@tenantry/database';
import { AccessClaims, UserPrincipal } from '@tenantry/auth';

/**
 * Resolves the principal of a verified access token, or null when its session is revoked or
 * expired or its user may no longer sign in: this runs on every request, so access ends at once.
 * The one place that reads other modules' tables by SQL: the security path cannot wait for a
 * federated round trip per request.
 */
export async function resolvePrincipal(dataSource: DataSource, claims: AccessClaims, now = new Date()): Promise<UserPrincipal | null> {
  const row = await dataSource
    .createQueryBuilder()
    .select(['s.active_organisation_id AS activeOrganisationId', 'u.organisation_id AS homeOrganisationId', 'o.account_id AS accountId'])
    .addSelect(['a.owner_user_id AS ownerUserId', 'r.key AS roleKey', 'r.permissions AS permissions'])
    .from(SessionRecord, 's')
    .innerJoin(UserRecord, 'u', 'u.id = s.user_id')
    .innerJoin(OrganisationRecord, 'o', 'o.id = u.organisation_id')
    .innerJoin(AccountRecord, 'a', 'a.id = o.account_id')
    .leftJoin(RoleAssignmentRecord, 'ra', 'ra.user_id = u.id')
    .leftJoin(RoleRecord, 'r', 'r.id = ra.role_id')
    .where('s.id = :sessionId AND s.user_id = :userId', claims)
    .andWhere('s.revoked_at IS NULL AND s.expires_at > :now AND u.status = :active', { now, active: UserStatus.ACTIVE })
    .getRawOne<{
      activeOrganisationId: string; homeOrganisationId: string; accountId: string;
      ownerUserId: string | null; roleKey: string | null; permissions: string | null;
    }>();
  if (!row) return null;
  const isAccountOwner = row.ownerUserId === claims.userId;
  const visibleOrganisationIds = isAccountOwner
    ? (await dataSource.getRepository(OrganisationRecord).find({ select: { id: true }, where: { accountId: row.accountId } })).map((o) => o.id)
    : [row.homeOrganisationId];
  const organisationId = visibleOrganisationIds.includes(row.activeOrganisationId) ? row.activeOrganisationId : row.homeOrganisationId;
  return {
    kind: 'user',
    userId: claims.userId,
    sessionId: claims.sessionId,
    accountId: row.accountId,
    homeOrganisationId: row.homeOrganisationId,
    organisationId,
    roleKey: row.roleKey ?? 'NONE',
    permissions: row.permissions ? (JSON.parse(row.permissions) as string[]) : [],
    visibleOrganisationIds,
    isAccountOwner,
    isPromoted: false,
  };
}
