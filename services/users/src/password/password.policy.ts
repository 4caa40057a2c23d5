import { dictionary } from '@zxcvbn-ts/language-common';
import { graphqlError } from '@tenantry/auth';

/** NIST SP 800-63B: at least 8 characters, long passphrases welcome, no composition rules. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

// zxcvbn-ts's list of frequent passwords (leaked-password corpora), lower-case.
const COMMON_PASSWORDS = new Set<string>((dictionary as { passwords: string[] }).passwords);

/** Whether a password is on the common-password list (case-insensitive). */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/**
 * Rejects a password that is too short, too long, common, or the user's own username or email,
 * with BAD_USER_INPUT. Length counts characters (code points), not bytes.
 */
export function checkPassword(password: string, user?: { username: string; email: string | null }): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH)
    throw graphqlError('BAD_USER_INPUT', `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`, { field: 'password' });
  if (length > MAX_PASSWORD_LENGTH)
    throw graphqlError('BAD_USER_INPUT', `The password may have at most ${MAX_PASSWORD_LENGTH} characters.`, { field: 'password' });
  if (isCommonPassword(password)) throw graphqlError('BAD_USER_INPUT', 'That password is too common; choose another.', { field: 'password' });
  const lower = password.toLowerCase();
  if (user && (lower === user.username.toLowerCase() || lower === user.email?.toLowerCase())) {
    throw graphqlError('BAD_USER_INPUT', 'The password must differ from the username and email.', { field: 'password' });
  }
}
