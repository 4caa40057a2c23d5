import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';

/** Header that carries a request's id from the client to the gateway, from the gateway to subgraphs, and back in every answer. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** The request a piece of work belongs to: its id (quoted in masked errors) and its logger (every line carries the id). */
export interface RequestScope {
  requestId: string;
  log: FastifyBaseLogger;
}

const scopes = new AsyncLocalStorage<RequestScope>();

/** Runs `work` (and everything it awaits) as part of the request, so error masking and logging find its id. */
export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return scopes.run(scope, work);
}

/** The request the current work belongs to; undefined outside one (start-up, jobs, tests). */
export function currentRequestScope(): RequestScope | undefined {
  return scopes.getStore();
}

/** Visible ASCII only and at most 128 characters: anything else could forge log lines or bloat them. */
const SANE_REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/** The caller's `x-request-id` when it is sane, else a fresh UUID. */
export function chooseRequestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}
