import type { RequestDatabase } from '@tenantry/database';
import type { Availability } from '@tenantry/users-module';
import { UserRecord } from '@tenantry/users-module';
import type { UserPrincipal } from '@tenantry/auth';
import { recordUserAudit } from '../audit/audit.record';
import type { UsersSettings } from '../settings';
import { toUser } from '../user/user.mapper';
import type { User } from '../user/user.type';
import { effectivePreferences } from './preferences.mapper';
import type { PreferencesInput } from './preferences.type';

/** The caller's own preferences and availability (docs/product.md#preferences). */
export class PreferencesService {
  constructor(
    private readonly database: RequestDatabase,
    private readonly settings: UsersSettings,
  ) {}

  async update(principal: UserPrincipal, input: PreferencesInput): Promise<User> {
    return this.database.transaction(async (manager) => {
      const user = await manager.findOneByOrFail(UserRecord, { id: principal.userId });
      const preferences = effectivePreferences(user.preferences);
      if (input.landingPage !== undefined && input.landingPage !== null) preferences.landingPage = input.landingPage;
      if (input.defaultAvailability) preferences.defaultAvailability = input.defaultAvailability;
      for (const [key, enabled] of Object.entries(input.notifications ?? {})) {
        if (typeof enabled === 'boolean') preferences.notifications[key] = enabled;
      }
      for (const signature of input.signatures ?? []) {
        const text = signature.text.trim();
        if (text) preferences.signatures[signature.channel] = text;
        else delete preferences.signatures[signature.channel];
      }
      const changes = { preferences, language: input.language ?? user.language, updatedAt: this.settings.now() };
      await manager.update(UserRecord, { id: user.id }, changes);
      await recordUserAudit(manager, {
        organisationId: user.organisationId,
        actorUserId: user.id,
        action: 'user.preferences_updated',
        targetId: user.id,
        details: { fields: Object.keys(input).filter((key) => input[key as keyof PreferencesInput] !== undefined) },
      });
      return toUser({ ...user, ...changes });
    });
  }

  /** Changes the current availability; the default applies again at the next login. */
  async setAvailability(principal: UserPrincipal, availability: Availability): Promise<User> {
    return this.database.transaction(async (manager) => {
      const user = await manager.findOneByOrFail(UserRecord, { id: principal.userId });
      await manager.update(UserRecord, { id: user.id }, { availability });
      await recordUserAudit(manager, {
        organisationId: user.organisationId,
        actorUserId: user.id,
        action: 'user.availability_changed',
        targetId: user.id,
        details: { from: user.availability, to: availability },
      });
      return toUser({ ...user, availability });
    });
  }
}
