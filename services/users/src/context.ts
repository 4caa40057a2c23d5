import type { DataSource } from '@tenantry/database';
import { requestDatabase } from '@tenantry/database';
import type { Principal, PrincipalChanges, PrincipalContext } from '@tenantry/auth';
import { ANONYMOUS, ESTABLISHED_PRINCIPAL_EXTENSION, ESTABLISHED_SESSION_EXTENSION, PRINCIPAL_CHANGES_EXTENSION, requireUser } from '@tenantry/auth';
import { createTenantScope } from '@tenantry/organisations-module';
import { resolvePrincipal } from '@tenantry/store';
import { perRequest } from '@tenantry/federation';
import { ActivationService } from './activation/activation.service';
import { AccountAuditService } from './audit/account-audit';
import { AuditService } from './audit/audit.service';
import { EmailChangeService } from './email-change/email-change.service';
import { ExportService } from './export/export.service';
import { InvitationService } from './invitation/invitation.service';
import { UserDeletionPreviewService } from './lifecycle/deletion-preview';
import { LifecycleService } from './lifecycle/lifecycle.service';
import { Lockout } from './lockout/lockout';
import { PasswordService } from './password/password.service';
import { PreferencesService } from './preferences/preferences.service';
import { ChangedPrincipals } from './principal/principal-changes';
import { CredentialAttempts } from './session/credential-attempt';
import { SessionService } from './session/session.service';
import type { AuthPayload } from './session/session.type';
import type { UsersSettings } from './settings';
import { TotpService } from './totp/totp.service';
import { UserService } from './user/user.service';

/**
 * Per-request context: the principal, services already scoped to what it may see (built on first
 * use, UNAUTHENTICATED for anonymous callers), and the services of flows that start anonymous.
 */
export interface UsersContext extends PrincipalContext {
  /** Who acts: the gateway's principal, until a mutation of this request establishes a session. */
  principal: Principal;
  /** Access token of the session this request established last; the gateway adopts it for the rest of the operation. */
  establishedAccessToken?: string;
  /** Users whose principal this request changed, named to the gateway with the answer (usersResponseExtensions). */
  principalChanges: ChangedPrincipals;
  users: () => UserService;
  invitations: () => InvitationService;
  lifecycle: () => LifecycleService;
  exports: () => ExportService;
  audit: () => AuditService;
  accountAudit: () => AccountAuditService;
  deletionPreviews: () => UserDeletionPreviewService;
  sessions: SessionService;
  activation: ActivationService;
  emailChanges: EmailChangeService;
  passwords: PasswordService;
  totp: TotpService;
  preferences: PreferencesService;
  /**
   * Acts in a session that login, activation, rotation or a switch just opened: the rest of this
   * request is served as its principal, with services scoped to it, and the gateway is told to
   * act in it for the rest of the operation.
   */
  actInSession(this: UsersContext, session: AuthPayload): Promise<void>;
}

export function createContextFactory(dataSource: DataSource, settings: UsersSettings) {
  // Flows that start anonymous get the database, not the DataSource. One lockout per process:
  // every password and TOTP check of a user passes through it (lockout, waiting).
  const database = requestDatabase(dataSource);
  const lockout = new Lockout(database);
  const attempts = new CredentialAttempts(database, lockout);
  const sessions = new SessionService(database, settings, attempts);
  const activation = new ActivationService(database, settings, sessions, lockout);
  const passwords = new PasswordService(database, settings, attempts, lockout);
  const emailChanges = new EmailChangeService(database, settings);
  const totp = new TotpService(database, settings, attempts);
  const preferences = new PreferencesService(database, settings);
  // The request's composition root: one tenant scope for whoever acts, built on first use; UNAUTHENTICATED for anonymous callers.
  const scopedTo = (principal: Principal, principalChanges: ChangedPrincipals) => {
    const scope = perRequest(() => createTenantScope(dataSource, requireUser(principal)));
    return {
      users: perRequest(() => new UserService(scope(), settings)),
      invitations: perRequest(() => new InvitationService(scope(), settings)),
      lifecycle: perRequest(() => new LifecycleService(scope(), settings, lockout, principalChanges)),
      exports: perRequest(() => new ExportService(scope())),
      audit: perRequest(() => new AuditService(scope())),
      accountAudit: perRequest(() => new AccountAuditService(scope())),
      deletionPreviews: perRequest(() => new UserDeletionPreviewService(scope())),
      canSee: async (id: string) => principal.kind === 'user' && scope().visibility.canSee(id),
    };
  };
  return (principal: Principal): UsersContext => {
    const principalChanges = new ChangedPrincipals();
    let scope = scopedTo(principal, principalChanges);
    return {
      principal,
      principalChanges,
      users: () => scope.users(),
      invitations: () => scope.invitations(),
      lifecycle: () => scope.lifecycle(),
      exports: () => scope.exports(),
      audit: () => scope.audit(),
      accountAudit: () => scope.accountAudit(),
      deletionPreviews: () => scope.deletionPreviews(),
      organisationVisibility: { canSee: (id) => scope.canSee(id) },
      sessions,
      activation,
      emailChanges,
      passwords,
      totp,
      preferences,
      // The principal goes on `this` (Apollo Server hands resolvers a shallow copy of the context, and
      // the response extension is read from that copy); the scoped services go into the variable every
      // copy's accessors share, so the rest of the request uses them whichever copy a resolver holds.
      async actInSession(this: UsersContext, session: AuthPayload) {
        // Null only if the user lost access since the session opened: nothing is shown to them then.
        this.principal = (await resolvePrincipal(dataSource, { userId: session.user.id, sessionId: session.sessionId })) ?? ANONYMOUS;
        this.establishedAccessToken = session.accessToken;
        scope = scopedTo(this.principal, principalChanges);
      },
    };
  };
}

/**
 * What the users subgraph tells the gateway besides the data: the session the operation now acts
 * in and its principal, and the users whose principal the request changed (principal-changes.ts).
 */
export function usersResponseExtensions(context: UsersContext): Record<string, unknown> | undefined {
  const extensions: Record<string, unknown> = {};
  if (context.establishedAccessToken) {
    extensions[ESTABLISHED_SESSION_EXTENSION] = context.establishedAccessToken;
    if (context.principal.kind === 'user') extensions[ESTABLISHED_PRINCIPAL_EXTENSION] = context.principal;
  }
  const userIds = context.principalChanges.userIds;
  if (userIds.length > 0) extensions[PRINCIPAL_CHANGES_EXTENSION] = { userIds } satisfies PrincipalChanges;
  return Object.keys(extensions).length > 0 ? extensions : undefined;
}
