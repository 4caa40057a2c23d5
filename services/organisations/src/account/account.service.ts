import { AccountRecord, DataSource, OrganisationRecord, In } from '@tenantry/database';
import { UserPrincipal } from '@tenantry/auth';
import { toOrganisation } from '../organisation/organisation.mapper';
import { Account } from './account.type';

/** The caller's account, as its owner or a promoted user sees it. */
export class AccountService {
  constructor(private readonly dataSource: DataSource, private readonly principal: UserPrincipal) {}

  async current(): Promise<Account | null> {
    const record = await this.dataSource.getRepository(AccountRecord).findOneBy({ id: this.principal.accountId });
    if (!record) return null;
    const organisations = await this.dataSource.getRepository(OrganisationRecord).find({
      where: { accountId: record.id, id: In(this.principal.visibleOrganisationIds) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return { id: record.id, name: record.name, seatLimit: record.seatLimit, organisations: organisations.map(toOrganisation) };
  }
}
