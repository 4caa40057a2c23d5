import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from '@tenantry/database';
import { UserTokenPurpose, UserTokenRecord } from '@tenantry/users-module';
import { hashToken, randomToken } from '@tenantry/auth';

/**
 * Issues a single-use token of one purpose for a user, in the caller's transaction: earlier unused
 * tokens of that purpose die, only the SHA-256 is stored, and the raw token (for the mailed link)
 * is returned and kept nowhere else.
 */
export async function issueUserToken(
  manager: EntityManager, userId: string, purpose: UserTokenPurpose, lifetimeMs: number, now = new Date(),
): Promise<string> {
  const token = randomToken();
  await manager.update(UserTokenRecord, { userId, purpose, usedAt: IsNull() }, { usedAt: now });
  await manager.insert(UserTokenRecord, {
    id: randomUUID(),
    userId,
    purpose,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + lifetimeMs),
    usedAt: null,
    createdAt: now,
  });
  return token;
}
