import type { EntityManager, RequestDatabase } from '@tenantry/database';
import { visibleWidgetsOfUsers, widgetsOfOrganisation } from '@tenantry/organisations-module';
import type { Availability } from '@tenantry/users-module';
import { UserRecord, recordAudit } from '@tenantry/users-module';
import type { UserPrincipal } from '@tenantry/auth';
import { graphqlError } from '@tenantry/auth';
import type { UsersSettings } from '../settings';
import { toUser } from '../user/user.mapper';
import type { User } from '../user/user.type';
import { effectivePreferences } from './preferences.mapper';
import type { DefaultReplyAccountInput, PreferencesInput } from './preferences.type';

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
      if (input.defaultReplyAccounts) {
        preferences.defaultReplyAccounts = await withReplyAccounts(manager, user, preferences.defaultReplyAccounts ?? {}, input.defaultReplyAccounts);
      }
      const changes = { preferences, language: input.language ?? user.language, updatedAt: this.settings.now() };
      await manager.update(UserRecord, { id: user.id }, changes);
      await recordAudit(manager, {
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
      await recordAudit(manager, {
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

/**
 * Default reply accounts after the changes: each a widget (site) of the user's organisation, and one the user
 * sees when they are limited to some (docs/product.md#preferences); anything else is BAD_USER_INPUT.
 */
async function withReplyAccounts(
  manager: EntityManager,
  user: { id: string; organisationId: string },
  current: Record<string, string>,
  changes: DefaultReplyAccountInput[],
): Promise<Record<string, string>> {
  const next = { ...current };
  for (const change of changes) {
    if (change.widgetId) next[change.channel] = change.widgetId;
    else delete next[change.channel];
  }
  const wanted = [...new Set(changes.flatMap((change) => (change.widgetId ? [change.widgetId] : [])))];
  const found = new Set((await widgetsOfOrganisation(manager, user.organisationId, wanted)).map((widget) => widget.id));
  const limited = (await visibleWidgetsOfUsers(manager, [user.id])).get(user.id);
  const seen = limited ? new Set(limited.map((widget) => widget.id)) : found;
  if (wanted.some((id) => !found.has(id) || !seen.has(id))) {
    throw graphqlError('BAD_USER_INPUT', 'A default reply account must be a widget (site) of your organisation that you see.', {
      field: 'defaultReplyAccounts',
    });
  }
  return next;
}
