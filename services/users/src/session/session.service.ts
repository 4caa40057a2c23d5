import { randomUUID } from 'node:crypto';
import {
  DataSource, EntityManager, IsNull, SessionRecord, UserRecord, UserStatus, withTransaction,
} from '@tenantry/database';
import {
  graphqlError, hashToken, INVALID_CREDENTIALS_MESSAGE, randomToken, signAccessToken, verifyPassword, waitLikeAVerification,
} from '@tenantry/auth';
import { toUser } from '../user/user.mapper';
import { AuthPayload } from './session.type';

/** Token lifetimes and the secret access tokens are signed with. */
export interface SessionSettings {
  accessTokenSecret: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
}

/** Consecutive failures that lock a user until an administrator unlocks them. */
export const MAX_FAILED_LOGINS = 3;

const invalidCredentials = () => graphqlError('UNAUTHENTICATED', INVALID_CREDENTIALS_MESSAGE);

/** Logins, refresh-token rotation and logout. */
export class SessionService {
  constructor(private readonly dataSource: DataSource, private readonly settings: SessionSettings) {}

  /**
   * Every failure answers the same error. An attempt is reserved (counter incremented) before the
   * password is hashed, so parallel wrong guesses lock at exactly MAX_FAILED_LOGINS.
   */
  async login(username: string, password: string): Promise<AuthPayload> {
    const users = this.dataSource.getRepository(UserRecord);
    const user = await users.findOneBy({ username });
    if (!user || user.status !== UserStatus.ACTIVE || user.username !== username) {
      await waitLikeAVerification();
      throw invalidCredentials();
    }
    const reserved = await withTransaction(this.dataSource, (manager) => manager
      .createQueryBuilder(UserRecord, 'u')
      .update()
      .set({ failedLoginCount: () => 'failed_login_count + 1' })
      .where('id = :id AND status = :status AND failed_login_count < :max', { id: user.id, status: UserStatus.ACTIVE, max: MAX_FAILED_LOGINS })
      .execute());
    if (!reserved.affected) {
      await waitLikeAVerification();
      throw invalidCredentials();
    }
    if (!(await verifyPassword(user.passwordHash, password))) {
      await withTransaction(this.dataSource, (manager) => manager
        .createQueryBuilder(UserRecord, 'u')
        .update()
        .set({ status: UserStatus.LOCKED })
        .where('id = :id AND status = :status AND failed_login_count >= :max', { id: user.id, status: UserStatus.ACTIVE, max: MAX_FAILED_LOGINS })
        .execute());
      throw invalidCredentials();
    }
    return withTransaction(this.dataSource, async (manager) => {
      const now = new Date();
      await manager.update(UserRecord, { id: user.id }, { failedLoginCount: 0, lastLoginAt: now });
      return this.openSession(manager, { ...user, lastLoginAt: now }, randomUUID(), user.organisationId);
    });
  }

  /** Rotates a refresh token. Presenting one that was already rotated ends its whole family. */
  async refresh(refreshToken: string): Promise<AuthPayload> {
    const outcome = await withTransaction(this.dataSource, async (manager) => {
      const session = await manager.findOneBy(SessionRecord, { refreshTokenHash: hashToken(refreshToken) });
      if (!session || session.expiresAt.getTime() <= Date.now()) return null;
      const rotated = await manager.update(SessionRecord, { id: session.id, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (!rotated.affected) {
        await manager.update(SessionRecord, { familyId: session.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
        return 'reused' as const;
      }
      const user = await manager.findOneBy(UserRecord, { id: session.userId, status: UserStatus.ACTIVE });
      return user ? this.openSession(manager, user, session.familyId, session.activeOrganisationId) : null;
    });
    if (!outcome || outcome === 'reused') throw graphqlError('UNAUTHENTICATED', 'The refresh token is not valid.');
    return outcome;
  }

  /** Ends the session and every session rotated from the same login. */
  async logout(sessionId: string): Promise<boolean> {
    return withTransaction(this.dataSource, async (manager) => {
      const session = await manager.findOneBy(SessionRecord, { id: sessionId });
      if (!session) return false;
      await manager.update(SessionRecord, { familyId: session.familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
      return true;
    });
  }

  private async openSession(manager: EntityManager, user: UserRecord, familyId: string, activeOrganisationId: string): Promise<AuthPayload> {
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
    const access = await signAccessToken(
      { userId: user.id, sessionId: session.id },
      this.settings.accessTokenSecret,
      this.settings.accessTokenTtlSeconds,
    );
    return { accessToken: access.token, expiresAt: access.expiresAt, refreshToken, user: toUser(user) };
  }
}
