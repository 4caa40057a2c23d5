import type { DataSource } from '@tenantry/database';
import type { Principal, PrincipalContext } from '@tenantry/auth';
import { requireUser } from '@tenantry/auth';
import { createTenantScope } from '@tenantry/organisations-module';
import { perRequest } from '@tenantry/federation';
import { OrganisationService } from './organisation/organisation.service';
import { OrganisationLifecycleService } from './organisation/organisation-lifecycle.service';
import { AccountService } from './account/account.service';
import { OnboardingPolicyService } from './account/onboarding-policy.service';
import { createVisibleWidgetsLoader } from './widget/user-visible-widgets.loader';
import { UserVisibleWidgetsService } from './widget/user-visible-widgets.service';
import { IndependenceService } from './customer/independence.service';
import { createInboxesLoader } from './operator-group/user-inboxes.loader';
import { createEmbedOriginsLoader } from './embed/embed-origins.loader';

/** Settings the organisations subgraph needs beyond its database. */
export interface OrganisationsSettings {
  /** Base URL of activation links in mails. */
  publicUrl: string;
  /** How long activation links work; default 72 hours. */
  activationTtlHours?: number;
}

/** Per-request context: the principal and services already scoped to what it may see. */
export interface OrganisationsContext extends PrincipalContext {
  principal: Principal;
  organisations: () => OrganisationService;
  lifecycle: () => OrganisationLifecycleService;
  accounts: () => AccountService;
  onboarding: () => OnboardingPolicyService;
  userWidgets: () => UserVisibleWidgetsService;
  independence: () => IndependenceService;
  /** The operator groups each user answers for, batched per request. */
  inboxes: () => ReturnType<typeof createInboxesLoader>;
  /** The portal origins each organisation lets embed its customers' login, batched per request. */
  embedOrigins: () => ReturnType<typeof createEmbedOriginsLoader>;
}

export function createContextFactory(dataSource: DataSource, settings: OrganisationsSettings) {
  return (principal: Principal): OrganisationsContext => {
    // The request's composition root: one tenant scope, built on first use; UNAUTHENTICATED for anonymous callers.
    const scope = perRequest(() => createTenantScope(dataSource, requireUser(principal)));
    return {
      principal,
      organisations: perRequest(() => new OrganisationService(scope())),
      lifecycle: perRequest(() => new OrganisationLifecycleService(scope(), settings)),
      accounts: perRequest(() => new AccountService(scope())),
      onboarding: perRequest(() => new OnboardingPolicyService(scope())),
      userWidgets: perRequest(() => new UserVisibleWidgetsService(scope(), createVisibleWidgetsLoader(scope()))),
      independence: perRequest(() => new IndependenceService(scope())),
      inboxes: perRequest(() => createInboxesLoader(scope())),
      embedOrigins: perRequest(() => createEmbedOriginsLoader(scope())),
      organisationVisibility: { canSee: async (id) => principal.kind === 'user' && scope().visibility.canSee(id) },
    };
  };
}
