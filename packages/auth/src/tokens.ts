import { createHash, randomBytes } from 'node:crypto';
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import type { Principal } from './principal';

const encoder = new TextEncoder();
const ISSUER = 'tenantry';

/** What an access token says: the user and the session it belongs to. */
export interface AccessClaims {
  userId: string;
  sessionId: string;
}

/** Signs a short-lived access token for a session. */
export async function signAccessToken(claims: AccessClaims, secret: string, ttlSeconds: number): Promise<{ token: string; expiresAt: Date }> {
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const token = await new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId)
    .setIssuer(ISSUER)
    .setAudience('tenantry-graph')
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(encoder.encode(secret));
  return { token, expiresAt };
}

/** Verifies an access token; null when it is forged, expired, without expiry or malformed. */
export async function verifyAccessToken(token: string, secret: string): Promise<AccessClaims | null> {
  return (await verifyAccessTokenClaims(token, secret))?.claims ?? null;
}

/** A verified access token: its claims and when it expires (ms since the epoch). */
export interface VerifiedAccessToken {
  claims: AccessClaims;
  expiresAt: number;
}

/** verifyAccessToken, with the token's expiry. */
export async function verifyAccessTokenClaims(token: string, secret: string): Promise<VerifiedAccessToken | null> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), {
      issuer: ISSUER,
      audience: 'tenantry-graph',
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return null;
    return { claims: { userId: payload.sub, sessionId: payload.sid }, expiresAt: payload.exp! * 1000 };
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return null;
    throw error;
  }
}

/**
 * Response extension in which the users subgraph hands the gateway the access token of a session
 * that a mutation just established (login, activation, rotation, switch), so the rest of the
 * operation acts in that session. The gateway verifies it like any bearer token before adopting it.
 */
export const ESTABLISHED_SESSION_EXTENSION = 'tenantryEstablishedSession';

/**
 * Response extension beside ESTABLISHED_SESSION_EXTENSION: the principal the users subgraph
 * resolved for that session, so the gateway acts in it (and keeps it) without asking again.
 */
export const ESTABLISHED_PRINCIPAL_EXTENSION = 'tenantryEstablishedPrincipal';

/**
 * Response extension in which the users subgraph names users whose principal a request changed
 * (sessions ended, locked): `{ userIds: string[] }`. The gateway forgets what it kept for them
 * before answering (docs/architecture.md: request path).
 */
export const PRINCIPAL_CHANGES_EXTENSION = 'tenantryPrincipalChanges';

/** What PRINCIPAL_CHANGES_EXTENSION carries. */
export interface PrincipalChanges {
  userIds: string[];
}

/** Header that carries the gateway-signed principal to a subgraph. */
export const PRINCIPAL_HEADER = 'x-tenantry-principal';

// Long enough for a slow query plan, short enough that a leaked token is soon useless.
const PRINCIPAL_TTL_SECONDS = 30;

/** Signs the principal for one subgraph (the audience), so a token for one cannot be replayed at another. */
export async function signPrincipalToken(principal: Principal, audience: string, secret: string): Promise<string> {
  return new SignJWT({ principal })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer('tenantry-gateway')
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(`${PRINCIPAL_TTL_SECONDS}s`)
    .sign(encoder.encode(secret));
}

/** Verifies a principal token addressed to this subgraph; null when missing, forged, stale or without expiry. */
export async function verifyPrincipalToken(token: string | undefined, audience: string, secret: string): Promise<Principal | null> {
  return (await verifyPrincipalTokenClaims(token, audience, secret))?.principal ?? null;
}

/** A verified principal token: the principal it carries and when it expires (ms since the epoch). */
export interface VerifiedPrincipalToken {
  principal: Principal;
  expiresAt: number;
}

/** verifyPrincipalToken, with the token's expiry. */
export async function verifyPrincipalTokenClaims(token: string | undefined, audience: string, secret: string): Promise<VerifiedPrincipalToken | null> {
  if (!token) return null;
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), {
      issuer: 'tenantry-gateway',
      audience,
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
    });
    const principal = payload.principal as Principal | undefined;
    if (!principal || (principal.kind !== 'user' && principal.kind !== 'anonymous')) return null;
    return { principal, expiresAt: payload.exp! * 1000 };
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) return null;
    throw error;
  }
}

/** A random opaque token (256 bits) for refresh, activation and reset links. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Tokens are stored only as their SHA-256: a database leak yields no usable token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
