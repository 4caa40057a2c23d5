import { isCustomerOf, visibleOrganisations } from '@tenantry/organisations-module';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { EntityManager, RequestDatabase } from '@tenantry/database';
import { IsNull } from '@tenantry/database';
import { Availability, SessionRecord, UserRecord, UserStatus, recordAudit } from '@tenantry/users-module';
import type { UserPrincipal } from '@tenantry/auth';
import { graphqlError, hashToken, INVALID_CREDENTIALS_MESSAGE, randomToken, signAccessToken, verifyPassword, waitLikeAVerification } from '@tenantry/auth';
import { effectivePreferences } from '../preferences/preferences.mapper';
import { toUser } from '../user/user.mapper';
import { ResponsePacer } from '../timing/response-pacer';
import type { AuthPayload } from './session.type';
import type { CredentialAttempts } from './credential-attempt';
import { totpVerdict, verified, wrong } from './credential-attempt';
import type { ChangedPrincipals } from '../principal/principal-changes';

/** Token lifetimes and the secret access tokens are signed with. */
export interface SessionSettings {
  accessTokenSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  /** The current time (TOTP codes are checked against it); default the system clock. */
  now?: () => Date;
}

/** Told to a caller whose password was right but who sent no two-factor code. */
export const TOTP_REQUIRED_MESSAGE = 'A two-factor code is required.';

const invalidCredentials = () => graphqlError('UNAUTHENTICATED', INVALID_CREDENTIALS_MESSAGE);

/** Logins, refresh-token rotation, organisation switching and logout. */
export class SessionService {
  /** Failed logins of unknown, locked, suspended and archived users last as long as a wrong password. */
  private readonly pacer = new ResponsePacer(waitLikeAVerification);

  constructor(
    private readonly database: RequestDatabase,
    private readonly settings: SessionSettings,
    private readonly attempts: CredentialAttempts,
  ) {}

  private now(): Date {
    return this.settings.now?.() ?? new Date();
  }

  /**
   * Every failure answers the same error. The password (and, once TOTP is on, the code) is
   * checked through CredentialAttempts, so parallel wrong guesses lock at exactly
   * MAX_FAILED_LOGINS and parallel right passwords all get in. With `customerOf` (the embedded
   * customer login, docs/product.md#embeddable-customer-login) a user of any other organisation is
   * refused like an unknown one: no password is tested, so the attempt neither counts towards a
   * lockout nor tells a portal whether the password was right.
   */
  async login(
    username: string,
    password: string,
    principalChanges: ChangedPrincipals,
    totpCode?: string | null,
    customerOf?: string | null,
  ): Promise<AuthPayload> {
    const startedAt = performance.now();
    const user = await this.database.manager.getRepository(UserRecord).findOneBy({ username });
    const admitted = user && user.username === username && (customerOf == null || (await isCustomerOf(this.database.manager, user.organisationId, customerOf)));
    if (!user || !admitted) {
      await this.pacer.pad(startedAt);
      throw invalidCredentials();
    }
    const outcome = await this.attempts.check(
      user.id,
      {
        purpose: 'login',
        principalChanges,
        verify: async (current) => {
          if (!(await verifyPassword(current.passwordHash, password))) return wrong('password');
          if (!current.totpEnabled) return verified(undefined);
          // The password was right, so this attempt is no guess: it is given back.
          if (!totpCode) throw graphqlError('UNAUTHENTICATED', TOTP_REQUIRED_MESSAGE, { totpRequired: true });
          return totpVerdict(current, totpCode, this.now(), undefined);
        },
        changesOnSuccess: (current) => ({
          lastLoginAt: new Date(),
          availability: effectivePreferences(current.preferences).defaultAvailability ?? Availability.ONLINE,
        }),
        succeed: (manager, current) => this.signIn(manager, current),
      },
      user,
    );
    if (outcome.kind === 'succeeded') return outcome.result;
    // Refusals tested nothing: they last as long as a wrong password, which did.
    if (outcome.kind === 'refused') await this.pacer.pad(startedAt);
    else if (outcome.credential === 'password') this.pacer.record(startedAt);
    throw invalidCredentials();
  }

  /** `user` has lastLoginAt and availability recorded already (changesOnSuccess). */
  private async signIn(manager: EntityManager, user: UserRecord): Promise<AuthPayload> {
    await recordAudit(manager, { organisationId: user.organisationId, actorUserId: user.id, action: 'user.login', targetId: user.id });
    return this.openSession(manager, user, randomUUID(), user.organisationId);
  }

  /** Rotates a refresh token. Presenting one that was already rotated ends its whole family. */
  async refresh(refreshToken: string, principalChanges: ChangedPrincipals): Promise<AuthPayload> {
    const outcome = await this.database.transaction(async (manager) => {
      const session = await manager.findOneBy(SessionRecord, { refreshTokenHash: hashToken(refreshToken) });
      if (!session || session.expiresAt.getTime() <= Date.now()) return null;
      principalChanges.note(session.userId);
      const rotated = await manager.update(SessionRecord, { id: session.id, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!rotated.affected) {
        const ended = await manager.update(SessionRecord, { familyId: session.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
        await this.auditSession(manager, session, 'session.refresh_token_reused', { sessionsEnded: ended.affected ?? 0 });
        return 'reused' as const;
      }
      const user = await manager.findOneBy(UserRecord, { id: session.userId, status: UserStatus.ACTIVE });
      return user ? this.openSession(manager, user, session.familyId, session.activeOrganisationId) : null;
    });
    if (!outcome || outcome === 'reused') throw graphqlError('UNAUTHENTICATED', 'The refresh token is not valid.');
    return outcome;
  }

  /**
   * Moves the caller's session into another organisation it may see (docs/product.md#visibility-between-organisations): the session rotates into
   * a new one of the same family acting there, so the old tokens stop working.
   */
  async switchOrganisation(principal: UserPrincipal, organisationId: string, principalChanges: ChangedPrincipals): Promise<AuthPayload> {
    if (!(await visibleOrganisations(this.database.manager, principal).andWhere('o.id = :organisationId', { organisationId }).getExists())) {
      throw graphqlError('NOT_FOUND', 'Organisation not found.');
    }
    const outcome = await this.database.transaction(async (manager) => {
      const session = await manager.findOneBy(SessionRecord, { id: principal.sessionId, userId: principal.userId });
      if (!session) return null;
      principalChanges.note(session.userId);
      const rotated = await manager.update(SessionRecord, { id: session.id, revokedAt: IsNull() }, { revokedAt: new Date() });
      const user = await manager.findOneBy(UserRecord, { id: principal.userId, status: UserStatus.ACTIVE });
      if (!rotated.affected || !user) return null;
      await recordAudit(manager, {
        organisationId: user.organisationId,
        actorUserId: user.id,
        action: 'session.organisation_switched',
        targetId: user.id,
        details: { from: session.activeOrganisationId, to: organisationId },
      });
      return this.openSession(manager, user, session.familyId, organisationId);
    });
    if (!outcome) throw graphqlError('UNAUTHENTICATED', 'Sign in first.');
    return outcome;
  }

  /** Ends the session and every session rotated from the same login. */
  async logout(sessionId: string, principalChanges: ChangedPrincipals): Promise<boolean> {
    return this.database.transaction(async (manager) => {
      const session = await manager.findOneBy(SessionRecord, { id: sessionId });
      if (!session) return false;
      principalChanges.note(session.userId);
      await manager.update(SessionRecord, { familyId: session.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.auditSession(manager, session, 'user.logout', {});
      return true;
    });
  }

  /** Audits a session event of the session's user, in the caller's transaction. */
  private async auditSession(manager: EntityManager, session: SessionRecord, action: string, details: Record<string, unknown>): Promise<void> {
    const user = await manager.findOneBy(UserRecord, { id: session.userId });
    if (!user) return;
    await recordAudit(manager, { organisationId: user.organisationId, actorUserId: null, action, targetId: user.id, details });
  }

  /** Opens a session in the caller's transaction and signs its tokens (login, activation, rotation). */
  async openSession(manager: EntityManager, user: UserRecord, familyId: string, activeOrganisationId: string): Promise<AuthPayload> {
    const refreshToken = randomToken();
    const now = new Date();
    const session = manager.create(SessionRecord, {
      id: randomUUID(),
      userId: user.id,
      familyId,
      refreshTokenHash: hashToken(refreshToken),
      activeOrganisationId,
      expiresAt: new Date(now.getTime() + this.settings.refreshTokenTtlDays * 86_400_000),
      revokedAt: null,
      createdAt: now,
    });
    await manager.insert(SessionRecord, session);
    const access = await signAccessToken({ userId: user.id, sessionId: session.id }, this.settings.accessTokenSecret, this.settings.accessTokenTtlSeconds);
    return { accessToken: access.token, expiresAt: access.expiresAt, refreshToken, user: toUser(user), sessionId: session.id };
  }
}
