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

/** Checks a 6-digit code at `now`, accepting one 30-second step of clock drift either way. */
export function verifyTotp(secret: string, code: string | null | undefined, now: Date): boolean {
  if (!code || !/^\d{6}$/.test(code.trim())) return false;
  return authenticator.clone({ window: 1, epoch: now.getTime() }).check(code.trim(), secret);
}

/** The code an authenticator app shows at `now` (tests act as the app). */
export function currentTotp(secret: string, now: Date): string {
  return authenticator.clone({ epoch: now.getTime() }).generate(secret);
}
