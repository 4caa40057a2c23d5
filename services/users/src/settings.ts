import { DEFAULT_INVITATION_TTL_HOURS, PASSWORD_RESET_TTL_MINUTES, RESTORE_WINDOW_DAYS } from '@tenantry/config';
import type { SessionSettings } from './session/session.service';

/** Everything the users subgraph is configured with. */
export interface UsersSettings extends SessionSettings {
  /** Base URL that activation, invitation and reset links point to (env PUBLIC_URL). */
  publicUrl: string;
  /** Hours an invitation or activation link stays valid (docs/product.md#invitations; env INVITATION_TTL_HOURS). */
  invitationTtlHours: number;
  /** Minutes a password-reset link stays valid (at most an hour). */
  passwordResetTtlMinutes: number;
  /** Days an archived user can be restored before the purge job removes them (docs/product.md#archiving-and-deletion). */
  restoreWindowDays: number;
  /** The current time; injected so that expiry and the restore window are testable. */
  now: () => Date;
}

/** What callers must give; everything else has a default. */
export type UsersSettingsInput = SessionSettings & Partial<Omit<UsersSettings, keyof SessionSettings>>;

/** Fills in the defaults. */
export function usersSettings(input: UsersSettingsInput): UsersSettings {
  return {
    publicUrl: 'http://localhost:4000',
    invitationTtlHours: DEFAULT_INVITATION_TTL_HOURS,
    passwordResetTtlMinutes: PASSWORD_RESET_TTL_MINUTES,
    restoreWindowDays: RESTORE_WINDOW_DAYS,
    now: () => new Date(),
    ...input,
  };
}
