import { GraphQLFormattedError } from 'graphql';

const CONTRACT_CODES = new Set([
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'USERNAME_TAKEN', 'SEAT_LIMIT_REACHED',
  'CONFIRMATION_MISMATCH', 'INVITATION_EXPIRED', 'RESTORE_WINDOW_PASSED', 'RATE_LIMITED', 'QUERY_TOO_COMPLEX',
]);

/** Apollo's own errors about a malformed request: the client's fault, reported as BAD_USER_INPUT. */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_REQUEST', 'PERSISTED_QUERY_NOT_FOUND', 'OPERATION_RESOLUTION_FAILURE',
]);

/** Keeps contract errors, turns request errors into BAD_USER_INPUT, masks everything else; never a stack. */
export function formatPublicError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { stacktrace: _stack, code, ...extensions } = formatted.extensions ?? {};
  if (typeof code === 'string' && CONTRACT_CODES.has(code)) return { ...formatted, extensions: { ...extensions, code } };
  if (typeof code === 'string' && REQUEST_CODES.has(code)) {
    return { ...formatted, extensions: { ...extensions, code: 'BAD_USER_INPUT', reason: code } };
  }
  return { message: 'Internal server error.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}
