import { pino } from 'pino';
import { logDestination } from './log-destination';
import type { RequestScope } from './request-scope';

/** Logs outside any request (start-up, jobs): same JSON lines and level as the servers' loggers. */
const processLog = pino({ level: process.env.LOG_LEVEL ?? 'info' }, logDestination());

/** What an error may show in a log line. */
export interface LoggedError {
  type: string;
  message: string;
  driverCode?: string;
  stack?: string;
}

/**
 * An unexpected error without what it may carry: a failed query's parameters hold password
 * hashes, token hashes and TOTP secrets, so only name, message, driver code and stack go out.
 */
export function describeError(error: unknown): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: 'internal error (not an Error)' };
  const driverCode = (error as { driverError?: { code?: string } }).driverError?.code;
  const message = (error as { query?: string }).query ? error.message.split('\n')[0] : error.message;
  return { type: error.name, message, ...(driverCode ? { driverCode } : {}), stack: error.stack };
}

/** Logs an unexpected error (see describeError) on its request's logger, so the line carries the request id; outside a request, on the process's. */
export function logInternalError(error: unknown, scope: RequestScope | undefined, what = 'internal error'): void {
  (scope?.log ?? processLog).error({ err: describeError(error) }, what);
}
