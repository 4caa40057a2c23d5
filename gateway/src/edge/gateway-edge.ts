import { timingSafeEqual } from 'node:crypto';
import { getHeapStatistics } from 'node:v8';
import { fastifyCors } from '@fastify/cors';
import { fastifyUnderPressure } from '@fastify/under-pressure';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER, replyError } from '@tenantry/federation';
import type { EmbedOrigins } from '../embed/embed-origin.client';
import type { GatewayMetrics } from './gateway-metrics';

export interface EdgeOptions {
  /** Origins a browser may call the graph from (CORS_ORIGINS); none by default. */
  corsOrigins: readonly string[];
  /** Portal origins organisations list for their embedded customer login: also allowed cross-origin, on /graphql only. */
  embedOrigins?: Pick<EmbedOrigins, 'isListedAnywhere'>;
  /** A bearer token that opens /metrics beyond loopback (METRICS_TOKEN). */
  metricsToken?: string;
  metrics: GatewayMetrics;
  /** Refuses a request over its budget before its body is read (request-budgets.ts). */
  requestBudget?: (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>;
}

/** Seconds a browser may reuse a preflight answer. */
const PREFLIGHT_MAX_AGE_SECONDS = 600;
/** Event-loop delay past which the gateway sheds load instead of answering everything late. */
const MAX_EVENT_LOOP_DELAY_MS = 1000;
const RETRY_AFTER_SECONDS = 10;

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function isMetricsCaller(request: FastifyRequest, token: string | undefined): boolean {
  if (LOOPBACK.has(request.socket.remoteAddress ?? '')) return true;
  const presented = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!token || !presented) return false;
  const [a, b] = [Buffer.from(presented), Buffer.from(token)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * @fastify/cors's `origin` for one request: CORS_ORIGINS anywhere, and on /graphql also an origin
 * some organisation lists in `embedOrigins` (so a portal can use the session its embedded customer
 * login received, refreshSession included). Any other origin gets no Access-Control-Allow-Origin.
 */
function corsOriginFor(options: EdgeOptions): (request: FastifyRequest) => Promise<string | string[] | false> {
  const configured = options.corsOrigins.length > 0 ? [...options.corsOrigins] : false;
  return async (request) => {
    const origin = request.headers.origin;
    const embedded =
      origin !== undefined &&
      options.embedOrigins !== undefined &&
      !options.corsOrigins.includes(origin) &&
      request.url.split('?')[0] === '/graphql' &&
      (await options.embedOrigins.isListedAnywhere(origin));
    return embedded ? origin : configured;
  };
}

/**
 * What the gateway adds to the shared HTTP server: CORS for the configured and the embed origins
 * only (no credentials: the graph uses bearer tokens, never cookies), load shedding with
 * Retry-After, request budgets before any body is read, and Prometheus /metrics for loopback callers or the METRICS_TOKEN bearer.
 */
export function gatewayEdge(options: EdgeOptions): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    const allowedOrigin = corsOriginFor(options);
    await app.register(fastifyCors, {
      delegator: async (request: FastifyRequest) => ({
        origin: await allowedOrigin(request),
        credentials: false,
        maxAge: PREFLIGHT_MAX_AGE_SECONDS,
        methods: ['GET', 'POST', 'OPTIONS'],
        allowedHeaders: ['content-type', 'authorization', REQUEST_ID_HEADER, 'apollo-require-preflight'],
        exposedHeaders: [REQUEST_ID_HEADER],
      }),
    });
    await app.register(fastifyUnderPressure, {
      maxEventLoopDelay: MAX_EVENT_LOOP_DELAY_MS,
      maxHeapUsedBytes: Math.floor(getHeapStatistics().heap_size_limit * 0.9),
      retryAfter: RETRY_AFTER_SECONDS,
      pressureHandler: (_request, reply) => {
        replyError(reply.header('retry-after', String(RETRY_AFTER_SECONDS)), 503, 'RATE_LIMITED', 'The gateway is overloaded; retry later.');
      },
    });
    if (options.requestBudget) app.addHook('onRequest', options.requestBudget);
    app.get('/metrics', async (request, reply) => {
      if (!isMetricsCaller(request, options.metricsToken)) return replyError(reply, 403, 'FORBIDDEN', 'Metrics are for loopback callers or the metrics token.');
      return reply.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
    });
  };
}
