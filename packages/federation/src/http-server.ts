import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { ApolloServer, BaseContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { ErrorCode } from '@tenantry/auth';
import { logInternalError } from './log-error';

/** Largest request body accepted; identity queries are small. */
const MAX_BODY_BYTES = 1024 * 1024;

/** A route beside /graphql, e.g. a subgraph's internal endpoint. */
export type RouteHandler = (request: IncomingMessage, body: unknown, response: ServerResponse) => Promise<void>;

/** A public GET route (a page or one of its assets): answered before authentication, no body read. */
export type GetRouteHandler = (request: IncomingMessage, url: URL, response: ServerResponse) => Promise<void> | void;

export interface GraphQLHttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /**
   * Decides from the headers alone, before the body is read or parsed, whether the request
   * may go on; null answers 401.
   */
  authenticate: (request: IncomingMessage) => Promise<TContext | null>;
  /** Extra POST routes by path. */
  routes?: Record<string, RouteHandler>;
  /** Public GET (and HEAD) routes by path; they never see credentials or a principal. */
  getRoutes?: Record<string, GetRouteHandler>;
  /**
   * Public GET routes taken only when the request prefers HTML (a browser opening the address),
   * on paths that otherwise serve GraphQL: the gateway's playground at /graphql.
   */
  browserRoutes?: Record<string, GetRouteHandler>;
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

export function sendError(response: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(response, status, { errors: [{ message, extensions: { code } }] });
}

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new BodyError(413, 'Request body too large.');
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BodyError(400, 'Request body is not valid JSON.');
  }
}

/** Quality the Accept header gives a media type: its own entry, else `type/*`, else `*\/*`, else 0. */
function acceptQuality(accept: string, mediaType: string): number {
  const [type] = mediaType.split('/');
  let best = { specificity: -1, quality: 0 };
  for (const part of accept.split(',')) {
    const [range, ...parameters] = part.trim().toLowerCase().split(';');
    const specificity = range === mediaType ? 2 : range === `${type}/*` ? 1 : range === '*/*' ? 0 : -1;
    if (specificity <= best.specificity) continue;
    const q = parameters.map((parameter) => /^\s*q=([0-9.]+)\s*$/.exec(parameter)?.[1]).find((value) => value !== undefined);
    best = { specificity, quality: q === undefined ? 1 : Number(q) };
  }
  return best.quality;
}

/** A browser navigation (Accept: text/html, …) rather than a GraphQL client asking for JSON. */
export function prefersHtml(request: IncomingMessage): boolean {
  const accept = request.headers.accept;
  if (!accept) return false;
  const html = acceptQuality(accept, 'text/html');
  return html > 0 && html > Math.max(acceptQuality(accept, 'application/json'), acceptQuality(accept, 'application/graphql-response+json'));
}

function toHeaderMap(request: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

/** An HTTP server (not yet listening) that serves POST /graphql, GET /healthz and extra POST and GET routes. */
export function createGraphQLHttpServer<TContext extends BaseContext>(options: GraphQLHttpServerOptions<TContext>): Server {
  const { apollo, authenticate, routes = {}, getRoutes = {}, browserRoutes = {} } = options;
  return createServer(async (request, response) => {
    try {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname === '/healthz') return sendJson(response, 200, { ok: true });
      const getRoute = getRoutes[url.pathname];
      if (getRoute) {
        if (request.method === 'GET' || request.method === 'HEAD') return await getRoute(request, url, response);
        request.resume();
        response.setHeader('allow', 'GET, HEAD');
        return sendError(response, 405, 'BAD_USER_INPUT', 'Use GET.');
      }
      const browserRoute = browserRoutes[url.pathname];
      if (browserRoute && (request.method === 'GET' || request.method === 'HEAD') && prefersHtml(request)) return await browserRoute(request, url, response);
      const route = routes[url.pathname];
      if (url.pathname !== '/graphql' && !route) return sendError(response, 404, 'NOT_FOUND', 'No such path.');
      const context = await authenticate(request);
      if (!context) {
        request.resume();
        return sendError(response, 401, 'UNAUTHENTICATED', 'Missing or invalid credentials.');
      }
      if (route) {
        if (request.method !== 'POST') return sendError(response, 405, 'BAD_USER_INPUT', 'Use POST.');
        return await route(request, await readJsonBody(request), response);
      }
      const body = request.method === 'POST' ? await readJsonBody(request) : undefined;
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method ?? 'GET', headers: toHeaderMap(request), search: url.search, body },
        context: async () => context,
      });
      for (const [key, value] of result.headers) response.setHeader(key, value);
      response.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') return response.end(result.body.string);
      for await (const chunk of result.body.asyncIterator) response.write(chunk);
      response.end();
    } catch (error) {
      if (error instanceof BodyError) return sendError(response, error.status, 'BAD_USER_INPUT', error.message);
      logInternalError(error);
      if (!response.headersSent) sendError(response, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error.');
      else response.end();
    }
  });
}

/** Starts listening and resolves with the bound port (0 picks a free one). */
export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
