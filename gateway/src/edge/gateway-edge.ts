import { timingSafeEqual } from 'node:crypto';
import { getHeapStatistics } from 'node:v8';
import { fastifyCors } from '@fastify/cors';
import { fastifyUnderPressure } from '@fastify/under-pressure';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { REQUEST_ID_HEADER, replyError } from '@tenantry/federation';
import type { GatewayMetrics } from './gateway-metrics';

export interface EdgeOptions {
  /** Origins a browser may call the graph from (CORS_ORIGINS); none by default. */
  corsOrigins: readonly string[];
  /** A bearer token that opens /metrics beyond loopback (METRICS_TOKEN). */
  metricsToken?: string;
  metrics: GatewayMetrics;
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
 * What the gateway adds to the shared HTTP server: CORS for the configured origins only (no
 * credentials: the graph uses bearer tokens, never cookies), load shedding with Retry-After, and
 * Prometheus /metrics for loopback callers or the METRICS_TOKEN bearer.
 */
export function gatewayEdge(options: EdgeOptions): (app: FastifyInstance) => Promise<void> {
  return async (app) => {
    await app.register(fastifyCors, {
      origin: options.corsOrigins.length > 0 ? [...options.corsOrigins] : false,
      credentials: false,
      maxAge: PREFLIGHT_MAX_AGE_SECONDS,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['content-type', 'authorization', REQUEST_ID_HEADER, 'apollo-require-preflight'],
      exposedHeaders: [REQUEST_ID_HEADER],
    });
    await app.register(fastifyUnderPressure, {
      maxEventLoopDelay: MAX_EVENT_LOOP_DELAY_MS,
      maxHeapUsedBytes: Math.floor(getHeapStatistics().heap_size_limit * 0.9),
      retryAfter: RETRY_AFTER_SECONDS,
      pressureHandler: (_request, reply) => {
        replyError(reply.header('retry-after', String(RETRY_AFTER_SECONDS)), 503, 'RATE_LIMITED', 'The gateway is overloaded; retry later.');
      },
    });
    app.get('/metrics', async (request, reply) => {
      if (!isMetricsCaller(request, options.metricsToken)) return replyError(reply, 403, 'FORBIDDEN', 'Metrics are for loopback callers or the metrics token.');
      return reply.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
    });
  };
}
