import type { UserPreferences } from '@tenantry/users-module';
import { Availability } from '@tenantry/users-module';
import { DefaultReplyAccount, NOTIFICATION_KEYS, Preferences, Signature, SignatureChannel } from './preferences.type';

/** What a user who never changed anything has: the dashboard, ONLINE, every notification on. */
export function defaultPreferences(): UserPreferences {
  return {
    landingPage: 'dashboard',
    defaultAvailability: Availability.ONLINE,
    notifications: Object.fromEntries(NOTIFICATION_KEYS.map((key) => [key, true])),
    signatures: {},
  };
}

/** Stored preferences over the defaults, so a switch added later starts on. */
export function effectivePreferences(stored: UserPreferences | null): UserPreferences {
  const defaults = defaultPreferences();
  return {
    ...defaults,
    ...stored,
    notifications: { ...defaults.notifications, ...stored?.notifications },
    signatures: { ...stored?.signatures },
    defaultReplyAccounts: { ...stored?.defaultReplyAccounts },
  };
}

export function toPreferences(stored: UserPreferences | null): Preferences {
  const effective = effectivePreferences(stored);
  return Object.assign(new Preferences(), {
    landingPage: effective.landingPage,
    defaultAvailability: effective.defaultAvailability,
    notifications: Object.fromEntries(NOTIFICATION_KEYS.map((key) => [key, effective.notifications[key] !== false])),
    signatures: Object.entries(effective.signatures)
      .filter(([channel]) => channel in SignatureChannel)
      .map(([channel, text]) => Object.assign(new Signature(), { channel, text })),
    defaultReplyAccounts: Object.entries(effective.defaultReplyAccounts ?? {})
      .filter(([channel]) => channel in SignatureChannel)
      .map(([channel, widgetId]) => Object.assign(new DefaultReplyAccount(), { channel, widgetId })),
  });
}
