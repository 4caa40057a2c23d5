import { DataSource, UserRecord, withTransaction } from '@tenantry/database';
import { graphqlError, UserPrincipal } from '@tenantry/auth';
import { recordUserAudit } from '../audit/audit.record';
import { UsersSettings } from '../settings';
import { TotpSetup } from './totp.type';
import { generateTotpSecret, totpUri, verifyTotp } from './totp.verify';

const wrongCode = () => graphqlError('BAD_USER_INPUT', 'The code is not right; check the clock of the device.', { field: 'code' });

/** Two-factor authentication of the caller (F35): enable → confirm → required at login. */
export class TotpService {
  constructor(private readonly dataSource: DataSource, private readonly settings: UsersSettings) {}

  /** Starts (or restarts) the setup with a new secret; login needs no code until it is confirmed. */
  async enable(principal: UserPrincipal): Promise<TotpSetup> {
    return withTransaction(this.dataSource, async (manager) => {
      const user = await manager.findOneByOrFail(UserRecord, { id: principal.userId });
      if (user.totpEnabled) throw graphqlError('BAD_USER_INPUT', 'Two-factor authentication is already on; disable it first.');
      const secret = generateTotpSecret();
      await manager.update(UserRecord, { id: user.id }, { totpSecret: secret, updatedAt: this.settings.now() });
      await recordUserAudit(manager, { organisationId: user.organisationId, actorUserId: user.id, action: 'user.totp_setup_started', targetId: user.id });
      return Object.assign(new TotpSetup(), { secret, uri: totpUri(user.username, secret) });
    });
  }

  /** Turns two-factor on once the app shows a right code. */
  async confirm(principal: UserPrincipal, code: string): Promise<boolean> {
    return withTransaction(this.dataSource, async (manager) => {
      const user = await manager.findOneByOrFail(UserRecord, { id: principal.userId });
      if (user.totpEnabled) throw graphqlError('BAD_USER_INPUT', 'Two-factor authentication is already on.');
      if (!user.totpSecret) throw graphqlError('BAD_USER_INPUT', 'Call enableTotp first.');
      if (!verifyTotp(user.totpSecret, code, this.settings.now())) throw wrongCode();
      await manager.update(UserRecord, { id: user.id }, { totpEnabled: true, updatedAt: this.settings.now() });
      await recordUserAudit(manager, { organisationId: user.organisationId, actorUserId: user.id, action: 'user.totp_enabled', targetId: user.id });
      return true;
    });
  }

  /** Turns two-factor off; needs a right code, so a stolen session alone cannot. */
  async disable(principal: UserPrincipal, code: string): Promise<boolean> {
    return withTransaction(this.dataSource, async (manager) => {
      const user = await manager.findOneByOrFail(UserRecord, { id: principal.userId });
      if (!user.totpEnabled || !user.totpSecret) throw graphqlError('BAD_USER_INPUT', 'Two-factor authentication is not on.');
      if (!verifyTotp(user.totpSecret, code, this.settings.now())) throw wrongCode();
      await manager.update(UserRecord, { id: user.id }, { totpEnabled: false, totpSecret: null, updatedAt: this.settings.now() });
      await recordUserAudit(manager, { organisationId: user.organisationId, actorUserId: user.id, action: 'user.totp_disabled', targetId: user.id });
      return true;
    });
  }
}
