import type { EntityManager } from '@tenantry/database';
import { withTransaction } from '@tenantry/database';
import type { TestDatabase } from '@tenantry/testing';
import { createTestDatabase, initSeed } from '@tenantry/testing';
import { UserTokenPurpose } from './user-token.entity';
import { checkUserToken, issueUserToken, redeemUserToken, tokenRefusal } from './single-use-token';

const HOUR_MS = 3_600_000;

describe('single-use tokens: issue and redeem', () => {
  let db: TestDatabase;
  let userId: string;
  const now = new Date('2030-01-01T12:00:00Z');
  const later = (ms: number) => new Date(now.getTime() + ms);

  beforeAll(async () => {
    db = await createTestDatabase();
    userId = (await (await initSeed(db.dataSource).createAccount()).defaultOrganisation.createUser('OPERATOR')).id;
  });
  afterAll(() => db.drop());

  const inTransaction = <T>(work: (manager: EntityManager) => Promise<T>) => withTransaction(db.dataSource, work);
  const issue = (purpose = UserTokenPurpose.PASSWORD_RESET) => inTransaction((manager) => issueUserToken(manager, userId, purpose, HOUR_MS, now));
  const redeem = (token: string, at = now, purpose = UserTokenPurpose.PASSWORD_RESET) =>
    inTransaction((manager) => redeemUserToken(manager, purpose, token, at));

  it('redeems a token once: valid for its user, then used', async () => {
    const token = await issue();
    expect(await redeem(token)).toEqual({ outcome: 'valid', userId });
    expect(await redeem(token)).toEqual({ outcome: 'used' });
    expect(await checkUserToken(db.dataSource.manager, UserTokenPurpose.PASSWORD_RESET, token, now)).toEqual({ outcome: 'used' });
  });

  it('lets exactly one of two racing redemptions win', async () => {
    const token = await issue();
    const outcomes = await Promise.all([redeem(token), redeem(token)]);
    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['used', 'valid']);
  });

  it('answers expired at and after its expiry, and checking spends nothing', async () => {
    const token = await issue();
    expect(await redeem(token, later(HOUR_MS))).toEqual({ outcome: 'expired' });
    expect(await checkUserToken(db.dataSource.manager, UserTokenPurpose.PASSWORD_RESET, token, now)).toEqual({ outcome: 'valid', userId });
    expect(await redeem(token, later(HOUR_MS - 1))).toEqual({ outcome: 'valid', userId });
  });

  it('kills earlier tokens of the same purpose only when a new one is issued', async () => {
    const reset = await issue();
    const confirmation = await issue(UserTokenPurpose.EMAIL_CHANGE);
    const newer = await issue();
    expect(await redeem(reset)).toEqual({ outcome: 'used' });
    expect(await redeem(newer)).toEqual({ outcome: 'valid', userId });
    expect(await redeem(confirmation, now, UserTokenPurpose.EMAIL_CHANGE)).toEqual({ outcome: 'valid', userId });
  });

  it('knows a token only for its own purpose', async () => {
    const token = await issue(UserTokenPurpose.ACTIVATION);
    expect(await redeem(token, now, UserTokenPurpose.PASSWORD_RESET)).toEqual({ outcome: 'unknown' });
    expect(await redeem('never-issued')).toEqual({ outcome: 'unknown' });
    expect(await redeem(token, now, UserTokenPurpose.ACTIVATION)).toEqual({ outcome: 'valid', userId });
  });

  it('answers each refusal with its error: only an expired activation link says so', () => {
    const answer = (purpose: UserTokenPurpose, refusal: 'unknown' | 'used' | 'expired') => {
      const error = tokenRefusal(purpose, refusal);
      return `${String(error.extensions.code)}: ${error.message}`;
    };
    expect(answer(UserTokenPurpose.ACTIVATION, 'expired')).toBe('INVITATION_EXPIRED: This link has expired; ask an administrator for a new one.');
    expect(answer(UserTokenPurpose.ACTIVATION, 'used')).toBe(answer(UserTokenPurpose.ACTIVATION, 'unknown'));
    expect(answer(UserTokenPurpose.ACTIVATION, 'unknown')).toBe('BAD_USER_INPUT: This link is not valid or was already used.');
    for (const purpose of [UserTokenPurpose.PASSWORD_RESET, UserTokenPurpose.EMAIL_CHANGE]) {
      for (const refusal of ['unknown', 'used', 'expired'] as const) {
        expect(answer(purpose, refusal)).toBe('BAD_USER_INPUT: This link is not valid, has expired or was already used.');
      }
    }
  });
});
