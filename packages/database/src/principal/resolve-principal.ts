import { DataSource } from 'typeorm';
import { AccessClaims, UserPrincipal } from '@tenantry/auth';
import { AccountRecord } from '../organisations/account.entity';
import { OrganisationRecord } from '../organisations/organisation.entity';
import { PromotionRecord } from '../permissions/promotion.entity';
import { RoleAssignmentRecord } from '../permissions/role-assignment.entity';
import { RoleRecord } from '../permissions/role.entity';
import { SessionRecord } from '../users/session.entity';
import { UserRecord, UserStatus } from '../users/user.entity';

/**
 * Resolves the principal of a verified access token, or null when its session is revoked or
 * expired or its user may no longer sign in: this runs on every request, so access ends at once.
 * It reads across modules' tables in one place, on purpose: the security path cannot afford a
 * federated round trip per request, and tests resolve principals exactly as production does.
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
  const permissions = row.permissions ? (JSON.parse(row.permissions) as string[]) : [];
  const promotedTo = isAccountOwner ? [] : await promotedOrganisations(dataSource, claims.userId, row.accountId);
  const visibleOrganisationIds = isAccountOwner
    ? await organisationIds(dataSource, { accountId: row.accountId })
    : [
        row.homeOrganisationId,
        ...promotedTo,
        // The managing organisation's administrators see their customers (F10, F11).
        ...(permissions.includes('customers.manage') ? await organisationIds(dataSource, { managingOrganisationId: row.homeOrganisationId }) : []),
      ];
  const organisationId = visibleOrganisationIds.includes(row.activeOrganisationId) ? row.activeOrganisationId : row.homeOrganisationId;
  return {
    kind: 'user',
    userId: claims.userId,
    sessionId: claims.sessionId,
    accountId: row.accountId,
    homeOrganisationId: row.homeOrganisationId,
    organisationId,
    roleKey: row.roleKey ?? 'NONE',
    permissions,
    visibleOrganisationIds: [...new Set(visibleOrganisationIds)],
    isAccountOwner,
    isPromoted: promotedTo.length > 0,
  };
}

async function organisationIds(dataSource: DataSource, where: { accountId: string } | { managingOrganisationId: string }): Promise<string[]> {
  const rows = await dataSource.getRepository(OrganisationRecord).find({ select: { id: true }, where, order: { createdAt: 'ASC' } });
  return rows.map((row) => row.id);
}

/** Organisations the owner granted, still within the user's account. */
async function promotedOrganisations(dataSource: DataSource, userId: string, accountId: string): Promise<string[]> {
  const rows = await dataSource
    .createQueryBuilder()
    .select('p.organisation_id', 'organisationId')
    .from(PromotionRecord, 'p')
    .innerJoin(OrganisationRecord, 'o', 'o.id = p.organisation_id')
    .where('p.user_id = :userId AND o.account_id = :accountId', { userId, accountId })
    .getRawMany<{ organisationId: string }>();
  return rows.map((row) => row.organisationId);
}
