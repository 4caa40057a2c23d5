import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BaseContext, ApolloServer } from '@apollo/server';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import { fastify, LogController } from 'fastify';
import type { DestinationStream } from 'pino';
import type { ErrorCode } from '@tenantry/auth';
import { logDestination } from './log-destination';
import { describeError } from './log-error';
import { attachRequestScope, chooseRequestId, REQUEST_ID_HEADER } from './request-scope';
import { traceContextOf } from './trace-context';

/** Largest request body accepted; identity queries are small. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * How long stopping waits for requests in flight (the gateway's whole-operation timeout) before it
 * drops the connections left, such as a client that announced a body it never sends.
 */
const STOP_GRACE_MS = 10_000;

/** A route beside /graphql, e.g. a subgraph's internal endpoint; it writes its answer to the raw response. */
export type RouteHandler = (request: IncomingMessage, body: unknown, response: ServerResponse) => Promise<void>;

/** A public GET route (a page or one of its assets): answered before authentication, no body read. */
export type GetRouteHandler = (request: FastifyRequest, url: URL, reply: FastifyReply) => Promise<unknown> | unknown;

/** Where and how much a server logs: pino JSON lines, `level` from LOG_LEVEL (tests use `silent` or capture a stream). */
export interface LogOptions {
  level?: string;
  stream?: DestinationStream;
}

export interface GraphQLHttpServerOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /**
   * Decides from the headers alone, before the body is read or parsed, whether the request
   * may go on; null answers 401.
   */
  authenticate: (request: FastifyRequest) => Promise<TContext | null>;
  /** Extra POST routes by path. */
  routes?: Record<string, RouteHandler>;
  /** Public GET (and HEAD) routes by path; they never see credentials or a principal. */
  getRoutes?: Record<string, GetRouteHandler>;
  /**
   * Public GET routes taken only when the request prefers HTML (a browser opening the address),
   * on paths that otherwise serve GraphQL: the gateway's playground at /graphql.
   */
  browserRoutes?: Record<string, GetRouteHandler>;
  /** Answers GET /readyz: resolves when the server can serve, else throws with what failed. */
  readiness?: () => Promise<Record<string, string>>;
  log?: LogOptions;
  /** Proxies whose x-forwarded-for sets request.ip (TRUST_PROXY); none by default. */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** Registers more (the gateway's CORS, metrics, load shedding) before the routes. */
  extend?: (app: FastifyInstance) => Promise<void>;
}

/** A Fastify server that is built but not yet listening. */
export interface HttpService {
  app: FastifyInstance;
  /** Starts listening and resolves with the bound port (0 picks a free one). */
  listen(port: number, host?: string): Promise<number>;
  /** Finishes requests in flight (for up to STOP_GRACE_MS), closes idle connections, then stops Apollo. */
  stop(): Promise<void>;
}

/** A readiness check that failed, with what failed per part. */
export class NotReadyError extends Error {
  constructor(readonly checks: Record<string, string>) {
    super('not ready');
  }
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

export function sendError(response: ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(response, status, { errors: [{ message, extensions: { code } }] });
}

/** The GraphQL-shaped error body every non-GraphQL failure is answered with. */
export function replyError(reply: FastifyReply, status: number, code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): FastifyReply {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}

class BodyError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * One access line per request, written when it completes (method, URL, status, time), instead of
 * Fastify's two: half the log writes on every hop, which were ~8 % of a subgraph's time under load.
 */
class OneLinePerRequest extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error) reply.log.error({ req: request, res: reply, err: error, responseTime: reply.elapsedTime }, 'request errored');
    else reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }
}

/** Fastify's logger: JSON lines, the request id under `requestId` and the trace id under `traceId` in every line of a request. */
function fastifyOptions(log: LogOptions = {}, trustProxy: FastifyServerOptions['trustProxy'] = false): FastifyServerOptions {
  return {
    trustProxy,
    logger: { level: log.level ?? process.env.LOG_LEVEL ?? 'info', stream: log.stream ?? logDestination() },
    // The caller's id is taken only when sane (chooseRequestId), which Fastify's own header option would not check.
    requestIdHeader: false,
    genReqId: (request) => chooseRequestId(request.headers[REQUEST_ID_HEADER]),
    logController: new OneLinePerRequest({ requestIdLogLabel: 'requestId' }),
    // Every line of a request also carries its W3C trace id (the caller's traceparent, else a new trace).
    childLoggerFactory: (logger, bindings, options, raw) => logger.child({ ...bindings, traceId: traceContextOf(raw as IncomingMessage).traceId }, options),
    bodyLimit: MAX_BODY_BYTES,
  };
}

/**
 * Serves POST and GET /graphql, GET /healthz and /readyz and extra POST and GET routes. Every
 * answer carries `x-request-id`; every 4xx and 5xx outside GraphQL is a GraphQL-shaped error.
 */
export async function createGraphQLHttpServer<TContext extends BaseContext>(options: GraphQLHttpServerOptions<TContext>): Promise<HttpService> {
  const { apollo, authenticate, routes = {}, getRoutes = {}, browserRoutes = {}, readiness } = options;
  const app = fastify(fastifyOptions(options.log, options.trustProxy));
  const contexts = new WeakMap<FastifyRequest, TContext>();

  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  // Every body is JSON whatever its content type (Apollo's CSRF prevention judges the header itself).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body: Buffer, done) => {
    if (body.length === 0) return done(null, undefined);
    try {
      done(null, JSON.parse(body.toString('utf8')));
    } catch {
      done(new BodyError(400, 'Request body is not valid JSON.'));
    }
  });
  app.setNotFoundHandler((_request, reply) => replyError(reply, 404, 'NOT_FOUND', 'No such path.'));
  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return replyError(reply, status, 'BAD_USER_INPUT', status === 413 ? 'Request body too large.' : error.message);
    }
    request.log.error({ err: describeError(error) }, 'internal error');
    return replyError(reply, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error.', { requestId: request.id });
  });
  if (options.extend) await options.extend(app);

  app.get('/healthz', async (_request, reply) => reply.send({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    try {
      return reply.send({ ok: true, checks: readiness ? await readiness() : {} });
    } catch (error) {
      return reply.code(503).send({ ok: false, checks: error instanceof NotReadyError ? error.checks : { server: 'failed' } });
    }
  });

  for (const [path, handler] of Object.entries(getRoutes)) {
    app.get(path, (request, reply) => handler(request, new URL(request.url, 'http://localhost'), reply));
    app.route({
      method: ['POST', 'PUT', 'DELETE', 'PATCH'],
      url: path,
      onRequest: async (_request, reply) => replyError(reply.header('allow', 'GET, HEAD'), 405, 'BAD_USER_INPUT', 'Use GET.'),
      handler: async () => undefined,
    });
  }

  /** Refuses before the body is read: the body parser runs only after onRequest. */
  const authenticated = async (request: FastifyRequest, reply: FastifyReply) => {
    const context = await authenticate(request);
    if (!context) {
      // Discarded unread, so the connection can be reused or closed instead of waiting on the body.
      request.raw.resume();
      return replyError(reply, 401, 'UNAUTHENTICATED', 'Missing or invalid credentials.');
    }
    contexts.set(request, attachRequestScope(context, { requestId: request.id, log: request.log }));
  };
  const methods: ('GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH')[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

  for (const [path, route] of Object.entries(routes)) {
    app.route({
      method: methods,
      url: path,
      onRequest: authenticated,
      handler: async (request, reply) => {
        if (request.method !== 'POST') return replyError(reply, 405, 'BAD_USER_INPUT', 'Use POST.');
        reply.hijack();
        await route(request.raw, request.body, reply.raw);
      },
    });
  }

  const graphql = fastifyApolloHandler<TContext>(apollo, { context: async (request) => contexts.get(request) as TContext });
  const browserPage = browserRoutes['/graphql'];
  app.route<{ Reply: string }>({
    method: methods,
    url: '/graphql',
    onRequest: async (request, reply) => {
      if (browserPage && (request.method === 'GET' || request.method === 'HEAD') && prefersHtml(request.headers.accept)) {
        await browserPage(request, new URL(request.url, 'http://localhost'), reply);
        return reply;
      }
      return authenticated(request, reply);
    },
    handler: graphql,
  });

  await app.ready();
  return {
    app,
    async listen(port, host = '127.0.0.1') {
      await app.listen({ port, host });
      return (app.server.address() as AddressInfo).port;
    },
    async stop() {
      const force = setTimeout(() => app.server.closeAllConnections(), STOP_GRACE_MS).unref();
      await app.close();
      clearTimeout(force);
      await apollo.stop();
    },
  };
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
export function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const html = acceptQuality(accept, 'text/html');
  return html > 0 && html > Math.max(acceptQuality(accept, 'application/json'), acceptQuality(accept, 'application/graphql-response+json'));
}

/** Starts a plain node:http server (a test's stand-in or proxy) and resolves with the bound port (0 picks a free one). */
export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}
