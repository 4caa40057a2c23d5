import { AsyncLocalStorage } from 'node:async_hooks';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';

type Fetcher = RemoteGraphQLDataSource['fetcher'];

/**
 * One subgraph fetch. Subgraphs answer identity queries in milliseconds; 5 s leaves room for a
 * loaded database while a hung subgraph costs the client one bounded wait, not a hang.
 */
export const SUBGRAPH_FETCH_TIMEOUT_MS = 5_000;

/** The principal lookup runs before every signed-in request, so it gets less than a subgraph fetch. */
export const PRINCIPAL_LOOKUP_TIMEOUT_MS = 2_000;

/**
 * The whole operation, from authentication to the last subgraph fetch: a query plan runs fetches
 * one after another, so per-fetch limits alone would add up (2 s + 5 s + 5 s + ...).
 */
export const OPERATION_TIMEOUT_MS = 10_000;

/** The deadline of the operation being executed, for the fetches the query plan makes on its behalf. */
const operationDeadline = new AsyncLocalStorage<AbortSignal>();

/** Runs `work` (a data source's processing of one fetch) under the operation's deadline. */
export function withinOperation<T>(deadline: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
  return deadline ? operationDeadline.run(deadline, work) : work();
}

/**
 * A signal that aborts after `timeoutMs` or at the current operation's deadline, whichever comes
 * first. Its own timer holds it: `AbortSignal.any` keeps its sources only weakly, so an
 * `AbortSignal.timeout` inside it may be garbage-collected and never fire (seen under load: the
 * fetch then ran until the operation deadline).
 */
export function boundedSignal(timeoutMs: number, deadline = operationDeadline.getStore()): AbortSignal {
  const controller = new AbortController();
  const abort = (reason: unknown) => {
    clearTimeout(timer);
    controller.abort(reason);
  };
  const timer = setTimeout(() => abort(new DOMException(`Timed out after ${timeoutMs} ms.`, 'TimeoutError')), timeoutMs).unref();
  if (deadline?.aborted) abort(deadline.reason);
  else deadline?.addEventListener('abort', () => abort(deadline.reason), { once: true });
  return controller.signal;
}

/**
 * The subgraph fetcher: Node's fetch, aborted after SUBGRAPH_FETCH_TIMEOUT_MS or at the operation's
 * deadline. The abort covers reading the body too, so a subgraph that stalls mid-answer is cut off.
 */
export const boundedSubgraphFetcher: Fetcher = async (url, init = {}) => {
  const { body, signal: callerSignal, ...rest } = init;
  const signal = boundedSignal(SUBGRAPH_FETCH_TIMEOUT_MS);
  return (await fetch(url, {
    ...rest,
    body: Buffer.isBuffer(body) ? new Uint8Array(body) : body,
    signal: callerSignal ? AbortSignal.any([signal, callerSignal]) : signal,
  })) as Awaited<ReturnType<Fetcher>>;
};
