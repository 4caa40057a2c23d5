import { SignJWT } from 'jose';
import { ANONYMOUS, signAccessToken, signPrincipalToken, VerifiedAccessTokens, VerifiedPrincipals } from '.';
import { testUserPrincipal } from '@tenantry/testing';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const principal = testUserPrincipal();

/** Only the clock is faked (jest.setSystemTime): timers and ticks stay real, for jose and the promises. */
const fakeClock = () =>
  jest.useFakeTimers({
    doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask'],
  });

describe('VerifiedPrincipals', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a token seen before with the same principal, frozen, until the token expires', async () => {
    fakeClock();
    const verified = new VerifiedPrincipals(secret);
    const token = await signPrincipalToken(principal, 'users', secret);
    const first = await verified.verify(token, 'users');
    expect(first).toEqual(principal);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen((first as typeof principal).permissions)).toBe(true);
    expect(await verified.verify(token, 'users')).toBe(first);
    jest.setSystemTime(Date.now() + 31_000);
    expect(await verified.verify(token, 'users')).toBeNull();
  });

  it('refuses what verifyPrincipalToken refuses, remembered or not: another audience, another secret, forged, without expiry', async () => {
    const verified = new VerifiedPrincipals(secret);
    const token = await signPrincipalToken(ANONYMOUS, 'users', secret);
    expect(await verified.verify(token, 'users')).toEqual(ANONYMOUS);
    expect(await verified.verify(token, 'users:internal')).toBeNull();
    expect(await new VerifiedPrincipals(`${secret}-other`).verify(token, 'users')).toBeNull();
    expect(await verified.verify(undefined, 'users')).toBeNull();
    const [header, payload] = token.split('.');
    expect(await verified.verify(`${header}.${payload}.forged`, 'users')).toBeNull();
    const everlasting = await new SignJWT({ principal })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('tenantry-gateway')
      .setAudience('users')
      .sign(new TextEncoder().encode(secret));
    expect(await verified.verify(everlasting, 'users')).toBeNull();
  });

  it('forgets the oldest token when full', async () => {
    const verified = new VerifiedPrincipals(secret, 2);
    const tokens = await Promise.all(['a', 'b', 'c'].map((audience) => signPrincipalToken(principal, audience, secret)));
    const first = await verified.verify(tokens[0], 'a');
    await verified.verify(tokens[1], 'b');
    expect(await verified.verify(tokens[0], 'a')).toBe(first);
    await verified.verify(tokens[2], 'c');
    // Full at two: "a" (the oldest) made room for "c", so it is verified anew into another object.
    const again = await verified.verify(tokens[0], 'a');
    expect(again).toEqual(principal);
    expect(again).not.toBe(first);
  });
});

describe('VerifiedAccessTokens', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a token seen before with the same claims, frozen, until the token expires', async () => {
    fakeClock();
    const verified = new VerifiedAccessTokens(secret);
    const { token } = await signAccessToken({ userId: 'u1', sessionId: 's1' }, secret, 60);
    const first = await verified.verify(token);
    expect(first).toEqual({ userId: 'u1', sessionId: 's1' });
    expect(Object.isFrozen(first)).toBe(true);
    expect(await verified.verify(token)).toBe(first);
    jest.setSystemTime(Date.now() + 61_000);
    expect(await verified.verify(token)).toBeNull();
  });

  it('refuses what verifyAccessToken refuses, after the genuine token was remembered: forged, another secret, expired, without expiry', async () => {
    const verified = new VerifiedAccessTokens(secret);
    const { token } = await signAccessToken({ userId: 'u1', sessionId: 's1' }, secret, 60);
    expect(await verified.verify(token)).not.toBeNull();
    const [header, payload, signature] = token.split('.');
    const tampered = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: 'u2' })).toString('base64url');
    expect(await verified.verify(`${header}.${tampered}.${signature}`)).toBeNull();
    expect(await verified.verify(`${header}.${payload}.forged`)).toBeNull();
    expect(await new VerifiedAccessTokens(`${secret}-other`).verify(token)).toBeNull();
    expect(await verified.verify((await signAccessToken({ userId: 'u1', sessionId: 's1' }, secret, -1)).token)).toBeNull();
    const everlasting = await new SignJWT({ sid: 's1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer('tenantry')
      .setAudience('tenantry-graph')
      .sign(new TextEncoder().encode(secret));
    expect(await verified.verify(everlasting)).toBeNull();
  });
});
