import { ANONYMOUS, verifyPrincipalToken } from '@tenantry/auth';
import { testUserPrincipal } from '@tenantry/testing';
import { PRINCIPAL_TOKEN_RENEWAL_MS, PrincipalTokens } from './principal-tokens';

const SECRET = 'test-principal-secret-of-thirty-two-chars';

const user = (roleKey = 'OPERATOR') => testUserPrincipal({ roleKey });

function expiryOf(token: string): number {
  return (JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { exp: number }).exp * 1000;
}

describe('PrincipalTokens', () => {
  // Only the clock is faked: the signing itself runs on real promises.
  beforeEach(() =>
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask'],
    }),
  );
  afterEach(() => jest.useRealTimers());

  /** A second later, a token signed anew differs from the one before (its iat and exp move): equal tokens are then kept ones. */
  const aSecondLater = () => jest.setSystemTime(Date.now() + 1_000);

  it('signs a token each subgraph verifies as the principal, and only for its audience', async () => {
    const principal = user();
    const token = await new PrincipalTokens(SECRET).for(principal, 'users');
    expect(await verifyPrincipalToken(token, 'users', SECRET)).toEqual(principal);
    expect(await verifyPrincipalToken(token, 'organisations', SECRET)).toBeNull();
  });

  it('reuses the token of the same principal and audience, and signs another audience or principal its own', async () => {
    const tokens = new PrincipalTokens(SECRET);
    const principal = user();
    const first = await tokens.for(principal, 'users');
    aSecondLater();
    expect(await tokens.for(principal, 'users')).toBe(first);
    expect(await tokens.for(principal, 'organisations')).not.toBe(first);
    expect(await tokens.for(ANONYMOUS, 'users')).not.toBe(first);
    expect(await verifyPrincipalToken(await tokens.for(user('MANAGER'), 'users'), 'users', SECRET)).toMatchObject({ roleKey: 'MANAGER' });
  });

  it('reuses the token for an equal principal object built anew, as the gateway builds one per request', async () => {
    const tokens = new PrincipalTokens(SECRET);
    const first = await tokens.for(user(), 'users');
    aSecondLater();
    expect(await tokens.for(user(), 'users')).toBe(first);
  });

  it('keeps at most its bound of tokens, signing the oldest again', async () => {
    const tokens = new PrincipalTokens(SECRET, 2);
    const [first, second] = [user('A'), user('B')];
    const firstToken = await tokens.for(first, 'users');
    await tokens.for(second, 'users');
    aSecondLater();
    expect(await tokens.for(first, 'users')).toBe(firstToken);
    await tokens.for(user('C'), 'users');
    // Full at two: the first went to make room for the third.
    aSecondLater();
    expect(await tokens.for(first, 'users')).not.toBe(firstToken);
  });

  it('signs anew for a principal changed in place', async () => {
    const tokens = new PrincipalTokens(SECRET);
    const principal = user();
    const first = await tokens.for(principal, 'users');
    principal.permissions = [];
    const afterChange = await tokens.for(principal, 'users');
    expect(afterChange).not.toBe(first);
    expect(await verifyPrincipalToken(afterChange, 'users', SECRET)).toMatchObject({ permissions: [] });
  });

  it('reads a deeply frozen principal (the principal cache keeps them so) once, any other at every fetch', async () => {
    const tokens = new PrincipalTokens(SECRET);
    const base = user();
    const frozen = Object.freeze({
      ...base,
      permissions: Object.freeze([...base.permissions]),
      grantedOrganisationIds: Object.freeze([...base.grantedOrganisationIds]),
    });
    // Its permissions could still change in place.
    const unfrozen = Object.freeze(user('MANAGER'));
    const stringify = jest.spyOn(JSON, 'stringify');
    try {
      for (let fetch = 0; fetch < 3; fetch++) {
        await tokens.for(frozen, 'users');
        await tokens.for(unfrozen, 'users');
      }
      const readsOf = (principal: object) => stringify.mock.calls.filter(([value]) => value === principal).length;
      expect(readsOf(frozen)).toBe(1);
      expect(readsOf(unfrozen)).toBe(3);
    } finally {
      stringify.mockRestore();
    }
  });

  it('signs anew once no more than the renewal margin is left of the token', async () => {
    const tokens = new PrincipalTokens(SECRET);
    const principal = user();
    const first = await tokens.for(principal, 'users');
    jest.setSystemTime(expiryOf(first) - PRINCIPAL_TOKEN_RENEWAL_MS - 1_000);
    expect(await tokens.for(principal, 'users')).toBe(first);
    jest.setSystemTime(expiryOf(first) - PRINCIPAL_TOKEN_RENEWAL_MS);
    const renewed = await tokens.for(principal, 'users');
    expect(expiryOf(renewed)).toBeGreaterThan(expiryOf(first));
    expect(await tokens.for(principal, 'users')).toBe(renewed);
  });
});
