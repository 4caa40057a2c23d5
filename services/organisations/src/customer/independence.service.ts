import { randomUUID } from 'node:crypto';
import type { TenantScope } from '@tenantry/organisations-module';
import { AccountRecord, OrganisationKind, OrganisationRecord, nameNamespaceOf } from '@tenantry/organisations-module';
import { addBuiltInRoles, holdsRole, reassignUserRole, revokePromotionsInto } from '@tenantry/permissions-module';
import { countUsersOf, findUserOfOrganisation, moveAuditTrailToAccount, recordAudit } from '@tenantry/users-module';
import { graphqlError } from '@tenantry/auth';
import { builtInRoleKeys } from '@tenantry/provisioning';
import type { Account } from '../account/account.type';
import { toOrganisation } from '../organisation/organisation.mapper';

/** Seats a customer's new account starts with, unless it already has more users. */
export const INDEPENDENT_ACCOUNT_SEATS = 10;

/** A customer organisation leaves its managing organisation for an account of its own (docs/product.md#customers). */
export class IndependenceService {
  constructor(private readonly scope: TenantScope) {}

  /**
   * In one transaction: a new account owned by one of the customer's administrators, the
   * organisation becomes its DEFAULT one and moves there with its ids and history; the former
   * managing organisation sees nothing of it from the next request on.
   */
  async makeIndependent(organisationId: string, ownerUserId: string): Promise<Account> {
    // Said again below the shield rule: the owner's decision alone, whoever calls this service.
    if (!this.scope.principal.isAccountOwner) throw graphqlError('FORBIDDEN', 'Only the account owner makes a customer independent.');
    // Asked through the request's visibility, which remembers the answer: the payload still shows the organisation it gave away.
    const visible = await this.scope.visibility.canSee(organisationId);
    return this.scope.database.transaction(async (manager) => {
      const organisation = visible ? await manager.findOneBy(OrganisationRecord, { id: organisationId, kind: OrganisationKind.CUSTOMER }) : null;
      if (!organisation) throw graphqlError('NOT_FOUND', 'Customer organisation not found.');
      const owner = await findUserOfOrganisation(manager, organisationId, ownerUserId);
      if (!owner || !(await holdsRole(manager, owner.id, 'ADMINISTRATOR'))) {
        throw graphqlError('BAD_USER_INPUT', 'The new owner must be an administrator of the customer organisation.', { field: 'ownerUserId' });
      }

      const users = await countUsersOf(manager, [organisationId]);
      const account = manager.create(AccountRecord, {
        id: randomUUID(),
        name: organisation.name,
        seatLimit: Math.max(INDEPENDENT_ACCOUNT_SEATS, users),
        ownerUserId: owner.id,
        createdAt: new Date(),
      });
      await manager.insert(AccountRecord, account);
      const independent = { accountId: account.id, kind: OrganisationKind.DEFAULT, managingOrganisationId: null };
      await manager.update(OrganisationRecord, { id: organisationId }, { ...independent, nameNamespace: nameNamespaceOf(independent) });
      await moveAuditTrailToAccount(manager, organisationId, account.id);
      await revokePromotionsInto(manager, organisationId);

      // A default organisation has the built-in OWNER, MANAGER and OPERATOR roles; the customer roles stay.
      // OWNER is always among those added: a customer organisation has none, and no custom role takes a built-in key.
      const now = new Date();
      const added = await addBuiltInRoles(manager, organisationId, builtInRoleKeys(OrganisationKind.DEFAULT), now);
      await reassignUserRole(manager, owner.id, added.get('OWNER')!, now);

      const details = { organisationId, name: organisation.name, formerAccountId: organisation.accountId, newAccountId: account.id, ownerUserId: owner.id };
      await recordAudit(manager, {
        accountId: organisation.accountId,
        organisationId: null,
        actorUserId: this.scope.principal.userId,
        action: 'customer.became_independent',
        targetId: organisationId,
        details,
      });
      await recordAudit(manager, {
        accountId: account.id,
        organisationId,
        actorUserId: this.scope.principal.userId,
        action: 'account.created_from_customer',
        targetId: account.id,
        details,
      });
      const moved = toOrganisation({ ...organisation, ...independent, nameNamespace: nameNamespaceOf(independent) });
      return { id: account.id, name: account.name, seatLimit: account.seatLimit, organisations: [moved] };
    });
  }
}
