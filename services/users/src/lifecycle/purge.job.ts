import type { DataSource } from '@tenantry/database';
import { withTransaction } from '@tenantry/database';
import { UserRecord, UserStatus, recordAudit } from '@tenantry/users-module';
import type { UsersSettings } from '../settings';

const DAY_MS = 86_400_000;

/**
 * Deletes users archived longer than the restore window ago (docs/product.md#archiving-and-deletion), auditing each in the same
 * transaction. Safe to run from several instances at once: a user already gone is simply skipped.
 */
export async function purgeArchivedUsers(dataSource: DataSource, settings: Pick<UsersSettings, 'now' | 'restoreWindowDays'>): Promise<number> {
  const cutoff = new Date(settings.now().getTime() - settings.restoreWindowDays * DAY_MS);
  return withTransaction(dataSource, async (manager) => {
    const expired = await manager
      .createQueryBuilder(UserRecord, 'u')
      .where('u.status = :archived AND u.archived_at < :cutoff', { archived: UserStatus.ARCHIVED, cutoff })
      .getMany();
    let purged = 0;
    for (const user of expired) {
      const deleted = await manager.delete(UserRecord, { id: user.id, status: UserStatus.ARCHIVED });
      if (!deleted.affected) continue;
      purged++;
      await recordAudit(manager, {
        organisationId: user.organisationId,
        actorUserId: null,
        action: 'user.purged',
        targetId: user.id,
        details: { username: user.username, archivedAt: user.archivedAt?.toISOString() ?? null },
      });
    }
    return purged;
  });
}

/** Runs the purge now and then every `intervalMs` (hourly by default); returns a function that stops it. */
export function startPurgeJob(
  dataSource: DataSource,
  settings: Pick<UsersSettings, 'now' | 'restoreWindowDays'>,
  onError: (error: unknown) => void,
  intervalMs = 3_600_000,
): () => void {
  const run = () => purgeArchivedUsers(dataSource, settings).catch(onError);
  void run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
