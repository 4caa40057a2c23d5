import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { FastifyBaseLogger } from 'fastify';
import type { GraphQLError } from 'graphql';

/** Header that carries a request's id from the client to the gateway, from the gateway to subgraphs, and back in every answer. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** The request a piece of work belongs to: its id (quoted in masked errors) and its logger (every line carries the id). */
export interface RequestScope {
  requestId: string;
  log: FastifyBaseLogger;
}

/**
 * Where a GraphQL context keeps its request's scope. A property, not a map keyed by the context:
 * Apollo hands the operation a shallow copy of the context, which copies it along. Explicit
 * rather than AsyncLocalStorage, whose promise hooks run on every promise (docs/architecture.md:
 * the request path).
 */
const SCOPE = Symbol('requestScope');

/** Gives a request's GraphQL context its scope (the HTTP server does, once per request). */
export function attachRequestScope<TContext extends object>(context: TContext, scope: RequestScope): TContext {
  Object.defineProperty(context, SCOPE, { value: scope, enumerable: true });
  return context;
}

/** The request a context belongs to; undefined for a context built outside a request (tests, jobs). */
export function requestScopeOf(context: unknown): RequestScope | undefined {
  return typeof context === 'object' && context !== null ? (context as { [SCOPE]?: RequestScope })[SCOPE] : undefined;
}

/** The scope of each error an operation met, for formatPublicError, which Apollo gives the error but not the context. */
const scopesOfErrors = new WeakMap<GraphQLError, RequestScope>();

/** The request an error of a GraphQL operation belongs to (requestScopePlugin noted it). */
export function requestScopeOfError(error: unknown): RequestScope | undefined {
  return typeof error === 'object' && error !== null ? scopesOfErrors.get(error as GraphQLError) : undefined;
}

/** Notes the request of every error an operation meets before Apollo formats it, so a masked error quotes its request id. */
export function requestScopePlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const scope = requestScopeOf(contextValue);
      if (!scope) return;
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) scopesOfErrors.set(error, scope);
        },
      };
    },
  };
}

/** Visible ASCII only and at most 128 characters: anything else could forge log lines or bloat them. */
const SANE_REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/** The caller's `x-request-id` when it is sane, else a fresh UUID. */
export function chooseRequestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}
