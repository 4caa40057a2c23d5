import type { IncomingMessage } from 'node:http';
import { randomFillSync } from 'node:crypto';

/** W3C Trace Context headers (docs/architecture.md#the-edge): the caller's trace, carried to every subgraph fetch. */
export const TRACEPARENT_HEADER = 'traceparent';
export const TRACESTATE_HEADER = 'tracestate';

/** The trace a request belongs to: the caller's when it sent a valid `traceparent`, else a new one. */
export interface TraceContext {
  /** 32 lowercase hex digits, never all zeros; logged as `traceId` on every line of the request. */
  traceId: string;
  /** The caller's span (its `parent-id`), absent when the trace started here. */
  parentId?: string;
  /** Two hex digits; only the sampled bit is defined. */
  flags: string;
  /** The caller's `tracestate`, passed on unchanged, only beside a valid `traceparent`. */
  tracestate?: string;
}

/** Version 00 exactly; a later version may append fields after the four it shares with 00. */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
/** At most 512 visible characters (the spec's limit on what must be propagated), so a header cannot bloat every fetch. */
const SANE_TRACESTATE = /^[\x20-\x7e]{1,512}$/;
const ALL_ZEROS = /^0+$/;

function single(header: string | string[] | undefined): string | undefined {
  return typeof header === 'string' ? header.trim() : undefined;
}

/** The trace the headers carry, or null when `traceparent` is absent or invalid (then the trace restarts). */
export function parseTraceparent(traceparent: string | string[] | undefined, tracestate?: string | string[]): TraceContext | null {
  const match = TRACEPARENT.exec(single(traceparent) ?? '');
  if (!match) return null;
  const [, version, traceId, parentId, flags, rest] = match;
  if (version === 'ff' || (version === '00' && rest !== undefined) || ALL_ZEROS.test(traceId) || ALL_ZEROS.test(parentId)) return null;
  const state = single(tracestate);
  return { traceId, parentId, flags, ...(state && SANE_TRACESTATE.test(state) ? { tracestate: state } : {}) };
}

/** Random bytes drawn a pool at a time: a call into OpenSSL per span id stood out in the gateway's profile. */
const RANDOM_POOL_BYTES = 4096;
let randomPool = Buffer.alloc(0);
let randomOffset = 0;

/** `bytes` fresh random bytes as hex, never all zeros (the spec forbids such ids). */
function randomHex(bytes: number): string {
  for (;;) {
    if (randomOffset + bytes > randomPool.length) {
      randomPool = randomFillSync(Buffer.allocUnsafe(RANDOM_POOL_BYTES));
      randomOffset = 0;
    }
    const hex = randomPool.toString('hex', randomOffset, (randomOffset += bytes));
    if (!ALL_ZEROS.test(hex)) return hex;
  }
}

/** A new trace, sampled flag off: the gateway records no spans of its own, it only lets logs be joined. */
export function newTraceContext(): TraceContext {
  return { traceId: randomHex(16), flags: '00' };
}

/** The headers for one outgoing call: the same trace, a fresh span id for this call, the caller's tracestate. */
export function traceHeaders(trace: TraceContext): Record<string, string> {
  const spanId = randomHex(8);
  return { [TRACEPARENT_HEADER]: `00-${trace.traceId}-${spanId}-${trace.flags}`, ...(trace.tracestate ? { [TRACESTATE_HEADER]: trace.tracestate } : {}) };
}

const traces = new WeakMap<IncomingMessage, TraceContext>();

/** The request's trace, settled once per request (its logger's bindings and its outgoing calls agree). */
export function traceContextOf(request: IncomingMessage): TraceContext {
  let trace = traces.get(request);
  if (!trace) {
    trace = parseTraceparent(request.headers[TRACEPARENT_HEADER], request.headers[TRACESTATE_HEADER]) ?? newTraceContext();
    traces.set(request, trace);
  }
  return trace;
}
