import { SignJWT } from 'jose';
import {
  ANONYMOUS,
  hashPassword,
  passwordVerificationCount,
  signAccessToken,
  signPrincipalToken,
  verifyAccessToken,
  verifyPassword,
  verifyPrincipalToken,
} from '.';
import { testUserPrincipal } from '@tenantry/testing';

const secret = 'a-secret-of-at-least-thirty-two-characters';
const principal = testUserPrincipal();

describe('principal tokens', () => {
  it('carry the principal to the subgraph they were signed for', async () => {
    const token = await signPrincipalToken(principal, 'users', secret);
    expect(await verifyPrincipalToken(token, 'users', secret)).toEqual(principal);
  });

  it('are refused by another subgraph, with another secret, or when missing', async () => {
    const token = await signPrincipalToken(ANONYMOUS, 'users', secret);
    expect(await verifyPrincipalToken(token, 'organisations', secret)).toBeNull();
    expect(await verifyPrincipalToken(token, 'users', `${secret}-other`)).toBeNull();
    expect(await verifyPrincipalToken(undefined, 'users', secret)).toBeNull();
  });

  it('are refused when forged with alg none or expired', async () => {
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ principal, aud: 'users', iss: 'tenantry-gateway' })).toString('base64url')}.`;
    expect(await verifyPrincipalToken(unsigned, 'users', secret)).toBeNull();
    const expired = await new SignJWT({ principal })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('tenantry-gateway')
      .setAudience('users')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(secret));
    expect(await verifyPrincipalToken(expired, 'users', secret)).toBeNull();
  });

  it('are refused when correctly signed but without an expiry', async () => {
    const everlasting = await new SignJWT({ principal })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('tenantry-gateway')
      .setAudience('users')
      .setIssuedAt()
      .sign(new TextEncoder().encode(secret));
    expect(await verifyPrincipalToken(everlasting, 'users', secret)).toBeNull();
  });
});

describe('access tokens', () => {
  it('round-trip user and session, and reject tampering', async () => {
    const { token } = await signAccessToken({ userId: 'u1', sessionId: 's1' }, secret, 60);
    expect(await verifyAccessToken(token, secret)).toEqual({ userId: 'u1', sessionId: 's1' });
    const [header, payload, signature] = token.split('.');
    const tampered = JSON.parse(Buffer.from(payload, 'base64url').toString());
    tampered.sub = 'u2';
    expect(await verifyAccessToken(`${header}.${Buffer.from(JSON.stringify(tampered)).toString('base64url')}.${signature}`, secret)).toBeNull();
  });

  it('are refused when correctly signed but without an expiry', async () => {
    const everlasting = await new SignJWT({ sid: 's1' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u1')
      .setIssuer('tenantry')
      .setAudience('tenantry-graph')
      .setIssuedAt()
      .sign(new TextEncoder().encode(secret));
    expect(await verifyAccessToken(everlasting, secret)).toBeNull();
  });
});

describe('passwords', () => {
  it('are hashed with argon2id and verified', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hash, 'wrong')).toBe(false);
    const before = passwordVerificationCount();
    expect(await verifyPassword(null, 'anything')).toBe(false);
    expect(passwordVerificationCount()).toBe(before);
  });
});
