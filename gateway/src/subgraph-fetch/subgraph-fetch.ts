import { STATUS_CODES } from 'node:http';
import { Agent, Headers, request } from 'undici';
import { PRINCIPAL_HEADER } from '@tenantry/auth';
import type { TraceContext } from '@tenantry/federation';
import { REQUEST_ID_HEADER, traceHeaders } from '@tenantry/federation';

/**
 * Keep-alive connections to the subgraphs (one pool per origin). undici's own request API, not
 * `fetch`: the gateway makes several subgraph calls per operation, and WHATWG fetch's streams and
 * request objects cost it about a tenth of its CPU under load.
 */
const subgraphs = new Agent({ keepAliveTimeout: 10_000 });

/** What a subgraph call sends. */
export interface SubgraphRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** Aborts the call, reading the body included. */
  signal?: AbortSignal;
}

/**
 * A subgraph's answer, its body already read: the call (and its abort signal) ends when the last
 * byte has arrived, so a timeout also cuts off a subgraph that stalls mid-answer. Shaped like a
 * fetch Response as far as Apollo's data source and the gateway's clients read one.
 */
export class SubgraphResponse {
  readonly redirected = false;
  readonly bodyUsed = false;

  constructor(
    readonly url: string,
    readonly status: number,
    readonly headers: Headers,
    private readonly body: string,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  get statusText(): string {
    return STATUS_CODES[this.status] ?? '';
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return new TextEncoder().encode(this.body).buffer as ArrayBuffer;
  }

  /** The body is a string already read: a clone can share it. */
  clone(): SubgraphResponse {
    return this;
  }
}

/** What ties a subgraph call to the client's request in the subgraph's logs. */
export interface CallerRequest {
  requestId?: string;
  trace?: TraceContext;
}

/** The headers of a JSON call to a subgraph: its principal token, the request id and the W3C trace (a fresh span id per call). */
export function subgraphHeaders(principalToken: string, { requestId, trace }: CallerRequest = {}): Record<string, string> {
  return {
    'content-type': 'application/json',
    [PRINCIPAL_HEADER]: principalToken,
    ...(requestId ? { [REQUEST_ID_HEADER]: requestId } : {}),
    ...(trace ? traceHeaders(trace) : {}),
  };
}

/** Calls a subgraph (or another internal route) over a kept-alive connection and reads the whole answer. */
export async function subgraphFetch(url: string | URL, init: SubgraphRequestInit = {}): Promise<SubgraphResponse> {
  const { statusCode, headers, body } = await request(url, {
    dispatcher: subgraphs,
    method: (init.method ?? 'GET') as 'GET',
    headers: init.headers,
    body: init.body,
    signal: init.signal,
  });
  const responseHeaders = new Headers();
  for (const [name, value] of Object.entries(headers)) {
    if (Array.isArray(value)) for (const each of value) responseHeaders.append(name, each);
    else if (value !== undefined) responseHeaders.append(name, value);
  }
  return new SubgraphResponse(String(url), statusCode, responseHeaders, await body.text());
}
