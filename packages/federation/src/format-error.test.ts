import { GraphQLError } from 'graphql';
import { formatPublicError } from './format-error';

const coded = (code: string, extensions: Record<string, unknown> = {}) => ({ message: 'm', extensions: { code, ...extensions } });

describe('formatPublicError', () => {
  it('passes contract codes on, PERSISTED_QUERY_NOT_FOUND among them (persisted-query clients retry on it)', () => {
    expect(formatPublicError(coded('PERSISTED_QUERY_NOT_FOUND')).extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_FOUND' });
    expect(formatPublicError(coded('FORBIDDEN')).extensions).toEqual({ code: 'FORBIDDEN' });
  });

  it("reports Apollo's request errors as BAD_USER_INPUT with the reason", () => {
    expect(formatPublicError(coded('PERSISTED_QUERY_NOT_SUPPORTED')).extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'PERSISTED_QUERY_NOT_SUPPORTED' });
    expect(formatPublicError(coded('GRAPHQL_PARSE_FAILED')).extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL_PARSE_FAILED' });
  });

  it('reports an uncoded error that Apollo marked 4xx as BAD_USER_INPUT, keeping its message', () => {
    const original = new GraphQLError('provided sha does not match query', { extensions: { http: { status: 400 } } });
    const formatted = formatPublicError({ message: original.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, original);
    expect(formatted).toEqual({ message: 'provided sha does not match query', extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' } });
  });

  it('masks anything else, without a stack', () => {
    const original = new Error('SQLITE_ERROR: LIKE or GLOB pattern too complex');
    const formatted = formatPublicError({ message: original.message, extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] } }, original);
    expect(formatted).toEqual({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it("masks a subgraph's refusal of the gateway's HTTP request, which carries the subgraph's URL", () => {
    const response = { url: 'http://127.0.0.1:4002/graphql', status: 401, statusText: 'Unauthorized', body: {} };
    expect(formatPublicError({ message: '401: Unauthorized', extensions: { code: 'UNAUTHENTICATED', response } })).toEqual({
      message: 'Internal server error.',
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('never says which subgraph an error came from', () => {
    expect(formatPublicError(coded('NOT_FOUND', { serviceName: 'organisations' })).extensions).toEqual({ code: 'NOT_FOUND' });
    expect(formatPublicError(coded('GRAPHQL_VALIDATION_FAILED', { serviceName: 'users' })).extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'GRAPHQL_VALIDATION_FAILED',
    });
  });

  it('names every refused input field by its path and drops the echoed input', () => {
    const validationErrors = [
      {
        property: 'name',
        value: 'secret\u202E',
        target: { name: 'secret\u202E' },
        constraints: { isNameText: 'name must not contain bidirectional formatting characters' },
      },
      { property: 'owner', children: [{ property: 'firstName', constraints: { isLength: 'firstName must be shorter than or equal to 100 characters' } }] },
    ];
    const formatted = formatPublicError(coded('BAD_USER_INPUT', { validationErrors }));
    expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT', fields: ['name', 'owner.firstName'] });
    expect(formatted.message).toBe(
      'Invalid input: name (name must not contain bidirectional formatting characters), owner.firstName (firstName must be shorter than or equal to 100 characters).',
    );
  });
});
