import type { EntityManager } from '@tenantry/database';
import { In, IsNull } from '@tenantry/database';
import { SessionRecord } from '../session/session.entity';
import { UserRecord } from './user.entity';

/**
 * Gives the users of these usernames a new password (its hash, computed before the transaction)
 * and a clean failure count; a new password ends the sessions opened with the old one.
 */
export async function replacePasswordsByUsername(manager: EntityManager, usernames: string[], passwordHash: string, now = new Date()): Promise<void> {
  const users = await manager.find(UserRecord, { select: { id: true }, where: { username: In(usernames) } });
  await manager.update(UserRecord, { username: In(usernames) }, { passwordHash, failedLoginCount: 0 });
  if (users.length) await manager.update(SessionRecord, { userId: In(users.map((user) => user.id)), revokedAt: IsNull() }, { revokedAt: now });
}
