import type { EntityManager } from '@tenantry/database';
import type { TenantScope } from '@tenantry/organisations-module';
import { OrganisationKind, countOrganisationsInAccount, findOrganisationInAccount } from '@tenantry/organisations-module';
import { PromotionRecord } from '@tenantry/permissions-module';
import { graphqlError } from '@tenantry/auth';
import { findAdministrableUser } from '@tenantry/provisioning';
import { recordAudit } from '@tenantry/users-module';
import { User } from '../role/role.type';
import { Organisation } from './organisation.type';
import { createPromotionsByUserLoader } from './promotion.loaders';

/** What a promotion needs to know of its user. */
type AdministeredUser = { id: string; organisationId: string };

/**
 * Promotions (docs/product.md#promotions): the owner lets a user see and switch into more organisations of the same account. Every
 * id is looked up only in the owner's own account, so a foreign one answers NOT_FOUND exactly
 * like a missing one. The user's principal is resolved per request: the grant applies from
 * their next request on, and a session switched into a revoked organisation falls back home.
 */
export class PromotionService {
  private readonly promotionsByUser;

  constructor(private readonly scope: TenantScope) {
    this.promotionsByUser = createPromotionsByUserLoader(scope);
  }

  async promotedOrganisationsOf(userId: string): Promise<Organisation[]> {
    return (await this.promotionsByUser.load(userId)).map((id) => Object.assign(new Organisation(), { id }));
  }

  /** Replaces the user's grant with exactly these organisations (their own is implied and left out). */
  async promote(userId: string, organisationIds: string[]): Promise<User> {
    return this.write(async (manager) => {
      const user = await this.userOfAccount(manager, userId);
      const granted = [...new Set(organisationIds)].filter((id) => id !== user.organisationId);
      const found = granted.length ? await countOrganisationsInAccount(manager, this.scope.principal.accountId, granted) : 0;
      if (found !== granted.length) throw graphqlError('NOT_FOUND', 'Organisation not found.');
      if (!granted.length) {
        throw graphqlError('BAD_USER_INPUT', "Grant at least one organisation besides the user's own; demoteUser removes a grant.", {
          field: 'organisationIds',
        });
      }
      const revoked = await this.revokeAll(manager, userId);
      const grantedAt = new Date();
      await manager.insert(
        PromotionRecord,
        granted.map((organisationId) => ({ userId, organisationId, grantedAt })),
      );
      await this.audit(manager, user, 'user.promoted', { organisationIds: granted, previousOrganisationIds: revoked });
      return Object.assign(new User(), { id: userId });
    });
  }

  /** Takes every grant away: the user sees only their own organisation again. */
  async demote(userId: string): Promise<User> {
    return this.write(async (manager) => {
      const user = await this.userOfAccount(manager, userId);
      const revoked = await this.revokeAll(manager, userId);
      await this.audit(manager, user, 'user.demoted', { previousOrganisationIds: revoked });
      return Object.assign(new User(), { id: userId });
    });
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.scope.principal.isAccountOwner) throw graphqlError('FORBIDDEN', 'Only the account owner promotes users.');
    const result = await this.scope.database.transaction(work);
    this.promotionsByUser.clearAll();
    return result;
  }

  /** A user of the owner's account other than the owner; customer users stay behind their wall (docs/product.md#customers). */
  private async userOfAccount(manager: EntityManager, userId: string): Promise<AdministeredUser> {
    const user = await findAdministrableUser(manager, this.scope.principal, userId);
    const home = await findOrganisationInAccount(manager, this.scope.principal.accountId, user.organisationId);
    if (!home) throw graphqlError('NOT_FOUND', 'User not found.');
    if (user.id === this.scope.principal.userId) throw graphqlError('BAD_USER_INPUT', 'The owner sees every organisation already.', { field: 'userId' });
    if (home.kind === OrganisationKind.CUSTOMER) {
      throw graphqlError('BAD_USER_INPUT', 'Users of customer organisations cannot be promoted.', { field: 'userId' });
    }
    return user;
  }

  private async revokeAll(manager: EntityManager, userId: string): Promise<string[]> {
    const previous = await manager.find(PromotionRecord, { where: { userId }, order: { organisationId: 'ASC' } });
    if (previous.length) await manager.delete(PromotionRecord, { userId });
    return previous.map((promotion) => promotion.organisationId);
  }

  private audit(manager: EntityManager, user: AdministeredUser, action: string, details: Record<string, unknown>) {
    return recordAudit(manager, {
      accountId: this.scope.principal.accountId,
      organisationId: user.organisationId,
      actorUserId: this.scope.principal.userId,
      action,
      targetId: user.id,
      details,
    });
  }
}
