/**
 * Defaults of the product's durations, in one place: the environment schema falls back to them,
 * the services use them when not configured, and schema descriptions are written from them
 * (naming the variable that changes a configurable one).
 */

/** Access-token lifetime unless ACCESS_TOKEN_TTL_SECONDS says otherwise. */
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 900;

/** How long the gateway keeps a principal unless PRINCIPAL_CACHE_TTL_SECONDS says otherwise; it bounds only changes nobody announces (jobs). */
export const DEFAULT_PRINCIPAL_CACHE_TTL_SECONDS = 60;

/** Refresh-token (session) lifetime unless REFRESH_TOKEN_TTL_DAYS says otherwise. */
export const DEFAULT_REFRESH_TOKEN_TTL_DAYS = 30;

/** How long invitation and activation links work unless INVITATION_TTL_HOURS says otherwise (docs/product.md#invitations). */
export const DEFAULT_INVITATION_TTL_HOURS = 72;

/** How long a password-reset link works; not configurable (short on purpose). */
export const PASSWORD_RESET_TTL_MINUTES = 60;

/** How long the confirmation link mailed to a new email address works; not configurable. */
export const EMAIL_CHANGE_TTL_HOURS = 24;

/** Days an archived user can be restored before the purge removes them (docs/product.md#archiving-and-deletion); not configurable. */
export const RESTORE_WINDOW_DAYS = 30;
