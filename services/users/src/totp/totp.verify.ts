import { authenticator } from 'otplib';

/** Issuer shown in authenticator apps. */
export const TOTP_ISSUER = 'Tenantry';

/** A fresh base32 secret (160 bits, RFC 4226's recommendation). */
export function generateTotpSecret(): string {
  return authenticator.generateSecret(20);
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(username: string, secret: string): string {
  return authenticator.keyuri(username, TOTP_ISSUER, secret);
}

/** Length of a TOTP time step (RFC 6238's default, what authenticator apps use). */
const STEP_MS = 30_000;

/**
 * The time step a 6-digit code belongs to at `now`, accepting one step of clock drift either way;
 * null for a wrong or malformed code. The step is what makes a code single-use.
 */
export function matchTotpStep(secret: string, code: string | null | undefined, now: Date): number | null {
  if (!code || !/^\d{6}$/.test(code.trim())) return null;
  const delta = authenticator.clone({ window: 1, epoch: now.getTime() }).checkDelta(code.trim(), secret);
  return delta === null ? null : Math.floor(now.getTime() / STEP_MS) + delta;
}

/** The code an authenticator app shows at `now` (tests act as the app). */
export function currentTotp(secret: string, now: Date): string {
  return authenticator.clone({ epoch: now.getTime() }).generate(secret);
}
