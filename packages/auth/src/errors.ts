import { GraphQLError } from 'graphql';

/** The error codes of the public contract (docs/product.md#errors-and-secrecy). */
export type ErrorCode =
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'USERNAME_TAKEN'
  | 'SEAT_LIMIT_REACHED'
  | 'CONFIRMATION_MISMATCH'
  | 'INVITATION_EXPIRED'
  | 'RESTORE_WINDOW_PASSED'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'RATE_LIMITED'
  | 'QUERY_TOO_COMPLEX'
  | 'INTERNAL_SERVER_ERROR';

/** A client-facing error: its message is safe to show, its code is machine-readable. */
export function graphqlError(code: ErrorCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

/** One message for every failed login, so nobody learns which usernames exist. */
export const INVALID_CREDENTIALS_MESSAGE = 'Invalid username or password.';
