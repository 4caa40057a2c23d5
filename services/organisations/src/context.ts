import { DataSource } from '@tenantry/database';
import { Principal, requireUser } from '@tenantry/auth';
import { perRequest } from '@tenantry/federation';
import { OrganisationService } from './organisation/organisation.service';
import { AccountService } from './account/account.service';

/** Per-request context: the principal and services already scoped to what it may see. */
export interface OrganisationsContext {
  principal: Principal;
  organisations: () => OrganisationService;
  accounts: () => AccountService;
}

export function createContextFactory(dataSource: DataSource) {
  return (principal: Principal): OrganisationsContext => ({
    principal,
    organisations: perRequest(() => new OrganisationService(dataSource, requireUser(principal))),
    accounts: perRequest(() => new AccountService(dataSource, requireUser(principal))),
  });
}
