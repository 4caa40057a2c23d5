import { newTraceContext, parseTraceparent, traceHeaders } from './trace-context';

describe('trace ids drawn from the random pool', () => {
  it('gives every outgoing call a fresh, valid span id in the same trace, across many refills of the pool', () => {
    const trace = newTraceContext();
    // 8 bytes each: 2,000 span ids use the 4 KiB pool up four times over.
    const headers = Array.from({ length: 2_000 }, () => traceHeaders(trace));
    const parsed = headers.map((each) => parseTraceparent(each.traceparent));
    expect(parsed.every((each) => each?.traceId === trace.traceId && /^[0-9a-f]{16}$/.test(each.parentId ?? ''))).toBe(true);
    expect(new Set(parsed.map((each) => each?.parentId)).size).toBe(headers.length);
  });

  it('starts new traces with distinct 32-digit ids', () => {
    const ids = Array.from({ length: 1_000 }, () => newTraceContext().traceId);
    expect(ids.every((id) => /^[0-9a-f]{32}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
