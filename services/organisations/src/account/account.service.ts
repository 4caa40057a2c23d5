import { In } from '@tenantry/database';
import type { TenantScope } from '@tenantry/organisations-module';
import { AccountRecord, OrganisationKind, OrganisationRecord, WidgetRecord, visibleOrganisations } from '@tenantry/organisations-module';
import { countInvitedUsersOf } from '@tenantry/users-module';
import { seatsUsed } from '@tenantry/provisioning';
import { toOrganisation } from '../organisation/organisation.mapper';
import type { Account, AccountUsage } from './account.type';

/** The caller's account, as its owner or a promoted user sees it. */
export class AccountService {
  constructor(private readonly scope: TenantScope) {}

  async current(): Promise<Account | null> {
    const record = await this.scope.database.manager.getRepository(AccountRecord).findOneBy({ id: this.scope.principal.accountId });
    if (!record) return null;
    const organisations = await visibleOrganisations(this.scope.database.manager, this.scope.principal)
      .andWhere('o.account_id = :accountId', { accountId: record.id })
      .orderBy('o.created_at', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .getMany();
    return { id: record.id, name: record.name, seatLimit: record.seatLimit, organisations: organisations.map(toOrganisation) };
  }

  /** Usage of the caller's own account; null for any other account. */
  async usage(account: Account): Promise<AccountUsage | null> {
    if (account.id !== this.scope.principal.accountId) return null;
    const manager = this.scope.database.manager;
    const own = await manager.find(OrganisationRecord, {
      select: { id: true },
      where: { accountId: account.id, kind: In([OrganisationKind.DEFAULT, OrganisationKind.SUB]) },
    });
    const ownIds = own.map((organisation) => organisation.id);
    const [used, pendingInvitations, widgets] = await Promise.all([
      seatsUsed(manager, account.id),
      countInvitedUsersOf(manager, ownIds),
      manager.countBy(WidgetRecord, { organisationId: In(ownIds) }),
    ]);
    return {
      organisations: ownIds.length,
      operators: used - pendingInvitations,
      seatsLeft: Math.max(0, account.seatLimit - used),
      widgets,
      pendingInvitations,
    };
  }
}
