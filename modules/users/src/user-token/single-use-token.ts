import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@tenantry/database';
import { IsNull } from '@tenantry/database';
import { graphqlError, hashToken, randomToken } from '@tenantry/auth';
import { UserTokenPurpose, UserTokenRecord } from './user-token.entity';

type ClientError = ReturnType<typeof graphqlError>;

/**
 * Single-use link tokens (activation, password reset, email-change confirmation): issued, checked,
 * redeemed and revoked only here. A token is VALID until it is used, replaced by a newer one of its
 * purpose (which marks it used), or past its expiry; only its SHA-256 is stored. Invitations keep
 * their own token on the invitation row (its state machine: `services/users/src/invitation`), and
 * answer with the same errors as activation links, through `tokenRefusal`.
 */

/** Why a presented token does not work. */
export type TokenRefusal = 'unknown' | 'used' | 'expired';

/** A presented token: valid (for this user), or why not. */
export type TokenCheck = { outcome: 'valid'; userId: string } | { outcome: TokenRefusal };

const INVALID_ANY = 'This link is not valid, has expired or was already used.';

/**
 * The error each outcome answers, per purpose. Nobody learns whether an unknown token ever existed;
 * only an activation link tells that it expired (INVITATION_EXPIRED: ask an administrator for a new one),
 * a reset or confirmation link can simply be asked for again.
 */
const REFUSALS: Record<UserTokenPurpose, Record<TokenRefusal, () => ClientError>> = {
  [UserTokenPurpose.ACTIVATION]: {
    unknown: () => graphqlError('BAD_USER_INPUT', 'This link is not valid or was already used.'),
    used: () => graphqlError('BAD_USER_INPUT', 'This link is not valid or was already used.'),
    expired: () => graphqlError('INVITATION_EXPIRED', 'This link has expired; ask an administrator for a new one.'),
  },
  [UserTokenPurpose.PASSWORD_RESET]: {
    unknown: () => graphqlError('BAD_USER_INPUT', INVALID_ANY),
    used: () => graphqlError('BAD_USER_INPUT', INVALID_ANY),
    expired: () => graphqlError('BAD_USER_INPUT', INVALID_ANY),
  },
  [UserTokenPurpose.EMAIL_CHANGE]: {
    unknown: () => graphqlError('BAD_USER_INPUT', INVALID_ANY),
    used: () => graphqlError('BAD_USER_INPUT', INVALID_ANY),
    expired: () => graphqlError('BAD_USER_INPUT', INVALID_ANY),
  },
};

/** The client error for a token of `purpose` that does not work (`unknown` also when its user is gone or changed). */
export function tokenRefusal(purpose: UserTokenPurpose, refusal: TokenRefusal): ClientError {
  return REFUSALS[purpose][refusal]();
}

/**
 * Issues a single-use token of one purpose for a user, in the caller's transaction: earlier unused
 * tokens of that purpose die, and the raw token (for the mailed link) is returned and kept nowhere else.
 */
export async function issueUserToken(manager: EntityManager, userId: string, purpose: UserTokenPurpose, lifetimeMs: number, now = new Date()): Promise<string> {
  const token = randomToken();
  await revokeUserTokens(manager, userId, purpose, now);
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

/**
 * What a presented token is, without spending it: for flows that do slow work (hashing a password)
 * before the transaction that redeems it.
 */
export async function checkUserToken(manager: EntityManager, purpose: UserTokenPurpose, token: string, now: Date): Promise<TokenCheck> {
  const record = await manager.findOneBy(UserTokenRecord, { tokenHash: hashToken(token), purpose });
  if (!record) return { outcome: 'unknown' };
  if (record.usedAt) return { outcome: 'used' };
  if (record.expiresAt.getTime() <= now.getTime()) return { outcome: 'expired' };
  return { outcome: 'valid', userId: record.userId };
}

/**
 * Spends a valid token in the caller's transaction. The spending write is conditional, so of two
 * racing redemptions exactly one gets `valid`; the other gets `used`.
 */
export async function redeemUserToken(manager: EntityManager, purpose: UserTokenPurpose, token: string, now: Date): Promise<TokenCheck> {
  const checked = await checkUserToken(manager, purpose, token, now);
  if (checked.outcome !== 'valid') return checked;
  const spent = await manager.update(UserTokenRecord, { tokenHash: hashToken(token), purpose, usedAt: IsNull() }, { usedAt: now });
  return spent.affected ? checked : { outcome: 'used' };
}

/** Kills every unused token of a purpose for a user, in the caller's transaction (a newer link, or what it stood for changed). */
export async function revokeUserTokens(manager: EntityManager, userId: string, purpose: UserTokenPurpose, now: Date): Promise<void> {
  await manager.update(UserTokenRecord, { userId, purpose, usedAt: IsNull() }, { usedAt: now });
}
