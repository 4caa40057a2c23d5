import { DataSource } from '@tenantry/database';
import { Principal, requireUser } from '@tenantry/auth';
import { perRequest } from '@tenantry/federation';
import { OrganisationService } from './organisation/organisation.service';
import { OrganisationLifecycleService } from './organisation/organisation-lifecycle.service';
import { AccountService } from './account/account.service';
import { IndependenceService } from './customer/independence.service';

/** Settings the organisations subgraph needs beyond its database. */
export interface OrganisationsSettings {
  /** Base URL of activation links in mails. */
  publicUrl: string;
  /** How long activation links work; default 72 hours. */
  activationTtlHours?: number;
}

/** Per-request context: the principal and services already scoped to what it may see. */
export interface OrganisationsContext {
  principal: Principal;
  organisations: () => OrganisationService;
  lifecycle: () => OrganisationLifecycleService;
  accounts: () => AccountService;
  independence: () => IndependenceService;
}

export function createContextFactory(dataSource: DataSource, settings: OrganisationsSettings) {
  return (principal: Principal): OrganisationsContext => ({
    principal,
    organisations: perRequest(() => new OrganisationService(dataSource, requireUser(principal))),
    lifecycle: perRequest(() => new OrganisationLifecycleService(dataSource, requireUser(principal), settings)),
    accounts: perRequest(() => new AccountService(dataSource, requireUser(principal))),
    independence: perRequest(() => new IndependenceService(dataSource, requireUser(principal))),
  });
}
