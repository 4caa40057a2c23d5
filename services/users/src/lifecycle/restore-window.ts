import { RESTORE_WINDOW_DAYS } from '@tenantry/config';
import { UserStatus } from '@tenantry/users-module';

const DAY_MS = 86_400_000;

/**
 * Until when an archived user can be restored (docs/product.md#archiving-and-deletion): archivedAt
 * plus the restore window. Null for any other status, and for an archived user without archivedAt
 * (archiving always sets it).
 */
export function restorableUntil(user: { status: UserStatus; archivedAt: Date | null }, windowDays: number = RESTORE_WINDOW_DAYS): Date | null {
  if (user.status !== UserStatus.ARCHIVED || !user.archivedAt) return null;
  return new Date(user.archivedAt.getTime() + windowDays * DAY_MS);
}
