import type { DataSource, EntityManager } from 'typeorm';
import type { AccessClaims, UserPrincipal } from '@tenantry/auth';
import { AccountRecord, OrganisationRecord, visibleOrganisations } from '@tenantry/organisations-module';
import { PromotionRecord, RoleAssignmentRecord, RoleRecord } from '@tenantry/permissions-module';
import { SessionRecord, UserRecord, UserStatus } from '@tenantry/users-module';

/**
 * Resolves the principal of a verified access token, or null when its session is revoked or
 * expired or its user may no longer sign in: this runs on every request, so access ends at once.
 * It reads across modules' tables in one place, on purpose: the security path cannot afford a
 * federated round trip per request, and tests resolve principals exactly as production does.
 */
export async function resolvePrincipal(dataSource: DataSource, claims: AccessClaims, now = new Date()): Promise<UserPrincipal | null> {
  // One statement: a row per organisation the user was promoted into (po.id null for none, or for one outside the account).
  const rows = await dataSource
    .createQueryBuilder()
    .select(['s.active_organisation_id AS activeOrganisationId', 'u.organisation_id AS homeOrganisationId', 'o.account_id AS accountId'])
    .addSelect(['a.owner_user_id AS ownerUserId', 'r.key AS roleKey', 'r.permissions AS permissions', 'u.must_change_password AS mustChangePassword'])
    .addSelect('po.id', 'grantedOrganisationId')
    .from(SessionRecord, 's')
    .innerJoin(UserRecord, 'u', 'u.id = s.user_id')
    .innerJoin(OrganisationRecord, 'o', 'o.id = u.organisation_id')
    .innerJoin(AccountRecord, 'a', 'a.id = o.account_id')
    .leftJoin(RoleAssignmentRecord, 'ra', 'ra.user_id = u.id')
    .leftJoin(RoleRecord, 'r', 'r.id = ra.role_id')
    .leftJoin(PromotionRecord, 'p', 'p.user_id = u.id')
    .leftJoin(OrganisationRecord, 'po', 'po.id = p.organisation_id AND po.account_id = o.account_id')
    .where('s.id = :sessionId AND s.user_id = :userId', claims)
    .andWhere('s.revoked_at IS NULL AND s.expires_at > :now AND u.status = :active', { now, active: UserStatus.ACTIVE })
    .orderBy('po.id')
    .getRawMany<{
      activeOrganisationId: string;
      homeOrganisationId: string;
      accountId: string;
      ownerUserId: string | null;
      roleKey: string | null;
      permissions: string | null;
      mustChangePassword: boolean | number | string;
      grantedOrganisationId: string | null;
    }>();
  const row = rows[0];
  if (!row) return null;
  const isAccountOwner = row.ownerUserId === claims.userId;
  const permissions = row.permissions ? (JSON.parse(row.permissions) as string[]) : [];
  const subject = {
    accountId: row.accountId,
    homeOrganisationId: row.homeOrganisationId,
    isAccountOwner,
    grantedOrganisationIds: isAccountOwner ? [] : rows.flatMap(({ grantedOrganisationId }) => (grantedOrganisationId ? [grantedOrganisationId] : [])),
    managesCustomers: permissions.includes('customers.manage'),
  };
  // The session keeps acting in the organisation it switched to only while that stays visible.
  const stillVisible =
    row.activeOrganisationId !== row.homeOrganisationId &&
    (await visibleOrganisations(dataSource.manager, subject).andWhere('o.id = :active', { active: row.activeOrganisationId }).getCount()) > 0;
  return {
    kind: 'user',
    userId: claims.userId,
    sessionId: claims.sessionId,
    roleKey: row.roleKey ?? 'NONE',
    permissions,
    organisationId: stillVisible ? row.activeOrganisationId : row.homeOrganisationId,
    ...subject,
    ...(isTrue(row.mustChangePassword) ? { passwordChangeRequired: true } : {}),
  };
}

/** Organisations the owner granted, still within the user's account. */
export async function grantedOrganisations(manager: EntityManager, userId: string, accountId: string): Promise<string[]> {
  const rows = await manager
    .createQueryBuilder()
    .select('p.organisation_id', 'organisationId')
    .from(PromotionRecord, 'p')
    .innerJoin(OrganisationRecord, 'o', 'o.id = p.organisation_id')
    .where('p.user_id = :userId AND o.account_id = :accountId', { userId, accountId })
    .orderBy('p.organisation_id')
    .getRawMany<{ organisationId: string }>();
  return rows.map((row) => row.organisationId);
}

/** A boolean column as a raw query answers it: 1/0 on MySQL and SQLite, true/false from some drivers. */
function isTrue(value: boolean | number | string): boolean {
  return value === true || value === 1 || value === '1';
}
