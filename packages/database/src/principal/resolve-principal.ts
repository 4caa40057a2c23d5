import { DataSource, EntityManager } from 'typeorm';
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
  const { visibleOrganisationIds, isPromoted } = await organisationsVisibleTo(dataSource.manager, {
    userId: claims.userId, accountId: row.accountId, homeOrganisationId: row.homeOrganisationId, permissions, isAccountOwner,
  });
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
    visibleOrganisationIds,
    isAccountOwner,
    isPromoted,
  };
}

/** Whose visibility is asked: a user as their principal would describe them. */
export interface VisibilitySubject {
  /** Null for a user about to be created, who has no promotions yet. */
  userId: string | null;
  accountId: string;
  homeOrganisationId: string;
  permissions: readonly string[];
  isAccountOwner: boolean;
}

/**
 * Every organisation a user may see, the one definition of visibility: the whole account for its
 * owner; else their home organisation, the ones the owner granted them, and, when their role holds
 * customers.manage, the customers their home organisation manages. The administration rule
 * compares two users' answers, so it cannot drift from what a principal is given.
 */
export async function organisationsVisibleTo(manager: EntityManager, subject: VisibilitySubject): Promise<{ visibleOrganisationIds: string[]; isPromoted: boolean }> {
  if (subject.isAccountOwner) return { visibleOrganisationIds: await organisationIds(manager, { accountId: subject.accountId }), isPromoted: false };
  const promotedTo = subject.userId ? await promotedOrganisations(manager, subject.userId, subject.accountId) : [];
  const visible = [
    subject.homeOrganisationId,
    ...promotedTo,
    // The managing organisation's administrators see their customers (docs/product.md#visibility-between-organisations).
    ...(subject.permissions.includes('customers.manage') ? await organisationIds(manager, { managingOrganisationId: subject.homeOrganisationId }) : []),
  ];
  return { visibleOrganisationIds: [...new Set(visible)], isPromoted: promotedTo.length > 0 };
}

async function organisationIds(manager: EntityManager, where: { accountId: string } | { managingOrganisationId: string }): Promise<string[]> {
  const rows = await manager.getRepository(OrganisationRecord).find({ select: { id: true }, where, order: { createdAt: 'ASC' } });
  return rows.map((row) => row.id);
}

/** Organisations the owner granted, still within the user's account. */
async function promotedOrganisations(manager: EntityManager, userId: string, accountId: string): Promise<string[]> {
  const rows = await manager
    .createQueryBuilder()
    .select('p.organisation_id', 'organisationId')
    .from(PromotionRecord, 'p')
    .innerJoin(OrganisationRecord, 'o', 'o.id = p.organisation_id')
    .where('p.user_id = :userId AND o.account_id = :accountId', { userId, accountId })
    .getRawMany<{ organisationId: string }>();
  return rows.map((row) => row.organisationId);
}
