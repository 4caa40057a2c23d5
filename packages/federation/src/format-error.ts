import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { logInternalError } from './log-error';
import { requestScopeOfError } from './request-scope';

/** Codes of the public contract (docs/product.md#errors-and-secrecy), passed on unchanged. */
const CONTRACT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'USERNAME_TAKEN',
  'SEAT_LIMIT_REACHED',
  'CONFIRMATION_MISMATCH',
  'INVITATION_EXPIRED',
  'RESTORE_WINDOW_PASSED',
  'PASSWORD_CHANGE_REQUIRED',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_ALLOWED',
]);

/** Apollo's own errors about a malformed request: the client's fault, reported as BAD_USER_INPUT. */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** class-validator's account of one refused property, as type-graphql attaches it. */
interface FieldValidationError {
  property: string;
  constraints?: Record<string, string>;
  children?: FieldValidationError[];
}

/** Every refused input field with its dotted path (`firstOperator.firstName`) and messages. */
function refusedFields(errors: FieldValidationError[], prefix = ''): { field: string; messages: string[] }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...refusedFields(error.children ?? [], field)];
  });
}

/**
 * type-graphql reports refused inputs as "Argument Validation Error" with class-validator's
 * objects (which echo the whole input back); say instead which fields and why.
 */
function describeRefusedInput(formatted: GraphQLFormattedError, validationErrors: FieldValidationError[]): GraphQLFormattedError {
  const fields = refusedFields(validationErrors);
  const message = `Invalid input: ${fields.map(({ field, messages }) => `${field} (${messages.join('; ')})`).join(', ')}.`;
  return { message, locations: formatted.locations, path: formatted.path, extensions: { code: 'BAD_USER_INPUT', fields: fields.map(({ field }) => field) } };
}

/**
 * Apollo's request errors that carry no code of their own but a 4xx status (e.g. a persisted
 * query whose hash does not match its text): client mistakes, not internal errors.
 */
function isUncodedRequestError(original: unknown): boolean {
  if (!(original instanceof GraphQLError) || original.extensions.code !== undefined) return false;
  const status = (original.extensions.http as { status?: number } | undefined)?.status;
  return typeof status === 'number' && status >= 400 && status < 500;
}

/**
 * Keeps contract errors, turns request errors into BAD_USER_INPUT, masks everything else; never a
 * stack, and never which subgraph answered (the gateway's `serviceName`): clients see one graph.
 * A masked error is logged with its stack, and the client gets the request id to quote (the
 * server must run requestScopePlugin, which tells which request an error belongs to).
 */
export function formatPublicError(formatted: GraphQLFormattedError, original?: unknown): GraphQLFormattedError {
  const { stacktrace: _stack, serviceName: _subgraph, code, validationErrors, response: subgraphResponse, ...extensions } = formatted.extensions ?? {};
  if (code === 'BAD_USER_INPUT' && Array.isArray(validationErrors)) return describeRefusedInput(formatted, validationErrors);
  // The gateway's account of a subgraph refusing its HTTP request (with the subgraph's URL): the
  // gateway checked the client's request already, so this is ours to fix, not the client's.
  if (subgraphResponse !== undefined) return masked(formatted, original);
  if (typeof code === 'string' && CONTRACT_CODES.has(code)) return { ...formatted, extensions: { ...extensions, code } };
  if (typeof code === 'string' && REQUEST_CODES.has(code)) {
    return { ...formatted, extensions: { ...extensions, code: 'BAD_USER_INPUT', reason: code } };
  }
  if (isUncodedRequestError(original)) return { ...formatted, extensions: { ...extensions, code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' } };
  return masked(formatted, original);
}

function masked(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError {
  // An INTERNAL_SERVER_ERROR built on purpose (a resolver's error replaced in apply-rules, a subgraph's
  // masked answer at the gateway) was logged where it was masked first, under the same request id.
  const alreadyMasked = original instanceof GraphQLError && !original.originalError && original.extensions.code === 'INTERNAL_SERVER_ERROR';
  const cause = original instanceof GraphQLError && original.originalError ? original.originalError : original;
  const scope = requestScopeOfError(original);
  if (!alreadyMasked) logInternalError(cause ?? new Error(formatted.message), scope, 'masked error');
  const requestId = scope?.requestId;
  return { message: 'Internal server error.', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) } };
}
