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

/**
 * A signal that aborts after `timeoutMs` or at the current operation's deadline, whichever comes
 * first, and `release`, which drops its timer and its listener on the deadline once the work is
 * done (else every call would keep both alive for the whole timeout). Its own timer holds it:
 * `AbortSignal.any` keeps its sources only weakly, so an `AbortSignal.timeout` inside it may be
 * garbage-collected and never fire (seen under load: the fetch then ran until the operation deadline).
 */
function releasableSignal(timeoutMs: number, deadline: AbortSignal | undefined): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const onDeadline = () => abort(deadline?.reason);
  const release = () => {
    clearTimeout(timer);
    deadline?.removeEventListener('abort', onDeadline);
  };
  const abort = (reason: unknown) => {
    release();
    controller.abort(reason);
  };
  const timer = setTimeout(() => abort(new DOMException(`Timed out after ${timeoutMs} ms.`, 'TimeoutError')), timeoutMs).unref();
  if (deadline?.aborted) abort(deadline.reason);
  else deadline?.addEventListener('abort', onDeadline, { once: true });
  return { signal: controller.signal, release };
}

/**
 * Runs `work` under a signal that aborts after `timeoutMs` or at the operation's deadline, whichever
 * comes first, and drops the signal's timer as soon as `work` settles.
 */
export async function bounded<T>(timeoutMs: number, work: (signal: AbortSignal) => Promise<T>, deadline?: AbortSignal): Promise<T> {
  const { signal, release } = releasableSignal(timeoutMs, deadline);
  try {
    return await work(signal);
  } finally {
    release();
  }
}
