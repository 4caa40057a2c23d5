import { DataSource } from '@tenantry/database';
import { Principal, PrincipalContext, requireUser } from '@tenantry/auth';
import { createTenantScope } from '@tenantry/organisations-module';
import { perRequest } from '@tenantry/federation';
import { ActivationService } from './activation/activation.service';
import { AuditService } from './audit/audit.service';
import { EmailChangeService } from './email-change/email-change.service';
import { ExportService } from './export/export.service';
import { InvitationService } from './invitation/invitation.service';
import { LifecycleService } from './lifecycle/lifecycle.service';
import { Lockout } from './lockout/lockout';
import { PasswordService } from './password/password.service';
import { PreferencesService } from './preferences/preferences.service';
import { CredentialAttempts } from './session/credential-attempt';
import { SessionService } from './session/session.service';
import { UsersSettings } from './settings';
import { TotpService } from './totp/totp.service';
import { UserService } from './user/user.service';

/**
 * Per-request context: the principal, services already scoped to what it may see (built on first
 * use, UNAUTHENTICATED for anonymous callers), and the services of flows that start anonymous.
 */
export interface UsersContext extends PrincipalContext {
  principal: Principal;
  signedInUserId?: string;
  users: () => UserService;
  invitations: () => InvitationService;
  lifecycle: () => LifecycleService;
  exports: () => ExportService;
  audit: () => AuditService;
  sessions: SessionService;
  activation: ActivationService;
  emailChanges: EmailChangeService;
  passwords: PasswordService;
  totp: TotpService;
  preferences: PreferencesService;
}

export function createContextFactory(dataSource: DataSource, settings: UsersSettings) {
  // One per process: every password and TOTP check of a user passes through it (lockout, waiting).
  const lockout = new Lockout(dataSource);
  const attempts = new CredentialAttempts(dataSource, lockout);
  const sessions = new SessionService(dataSource, settings, attempts);
  const activation = new ActivationService(dataSource, settings, sessions, lockout);
  const passwords = new PasswordService(dataSource, settings, attempts, lockout);
  const emailChanges = new EmailChangeService(dataSource, settings);
  const totp = new TotpService(dataSource, settings, attempts);
  const preferences = new PreferencesService(dataSource, settings);
  return (principal: Principal): UsersContext => {
    // The request's composition root: one tenant scope, built on first use; UNAUTHENTICATED for anonymous callers.
    const scope = perRequest(() => createTenantScope(dataSource, requireUser(principal)));
    return {
    principal,
    users: perRequest(() => new UserService(scope(), settings)),
    invitations: perRequest(() => new InvitationService(scope(), settings)),
    lifecycle: perRequest(() => new LifecycleService(scope(), settings, lockout)),
    exports: perRequest(() => new ExportService(scope())),
    audit: perRequest(() => new AuditService(scope())),
    organisationVisibility: { canSee: async (id) => principal.kind === 'user' && scope().visibility.canSee(id) },
    sessions,
    activation,
    emailChanges,
    passwords,
    totp,
    preferences,
    };
  };
}
