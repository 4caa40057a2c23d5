import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Distinct operation names kept as labels; later names count as `(other)`, so clients cannot grow the series without bound. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/** The gateway's Prometheus metrics, in a registry of its own (one per gateway, so tests can run several). */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requests = new Counter({
    name: 'tenantry_graphql_requests_total',
    help: 'GraphQL requests answered, by operation name',
    labelNames: ['operation'],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'tenantry_graphql_errors_total',
    help: 'Errors in GraphQL answers, by code and operation name',
    labelNames: ['operation', 'code'],
    registers: [this.registry],
  });
  private readonly duration = new Histogram({
    name: 'tenantry_graphql_request_duration_seconds',
    help: 'Time from a GraphQL request reaching Apollo to its answer, by operation name',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  private readonly fetchDuration = new Histogram({
    name: 'tenantry_subgraph_fetch_duration_seconds',
    help: 'Time of each gateway fetch from a subgraph, by subgraph',
    labelNames: ['subgraph'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  private readonly fetchFailures = new Counter({
    name: 'tenantry_subgraph_fetch_failures_total',
    help: 'Gateway fetches from a subgraph that failed (unreachable, timed out, not a GraphQL answer), by subgraph',
    labelNames: ['subgraph'],
    registers: [this.registry],
  });
  private readonly rateLimitHits = new Counter({
    name: 'tenantry_rate_limit_hits_total',
    help: 'Requests refused with RATE_LIMITED, by the rule whose budget was spent',
    labelNames: ['rule'],
    registers: [this.registry],
  });
  private readonly rateLimitStoreFailures = new Counter({
    name: 'tenantry_rate_limit_store_failures_total',
    help: 'Redis errors (connection or command) of the rate limits; meanwhile they are counted in this process',
    registers: [this.registry],
  });
  private readonly operations = new Set<string>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** A label for the operation: its name when the document parsed and named it sanely, else a fixed word. */
  private operationLabel(name: string | null | undefined): string {
    if (!name) return '(anonymous)';
    if (!OPERATION_NAME.test(name)) return '(invalid)';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_NAMES) return '(other)';
    this.operations.add(name);
    return name;
  }

  /** Counts requests, errors by code (as clients see them, after masking) and latency. */
  plugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
    return {
      requestDidStart: async () => {
        const started = process.hrtime.bigint();
        return {
          willSendResponse: async ({ operationName, operation, response }) => {
            const operationLabel = this.operationLabel(operation ? operationName : null);
            this.requests.inc({ operation: operationLabel });
            this.duration.observe({ operation: operationLabel }, Number(process.hrtime.bigint() - started) / 1e9);
            const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
            for (const error of errors) this.errors.inc({ operation: operationLabel, code: String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
          },
        };
      },
    };
  }

  /** Counts a request refused by a rate limit. */
  rateLimitHit(rule: string): void {
    this.rateLimitHits.inc({ rule });
  }

  /** Counts a Redis failure that the in-process rate-limit counters covered. */
  rateLimitStoreFailure(): void {
    this.rateLimitStoreFailures.inc();
  }

  /** Times one subgraph fetch and counts it as failed when it throws. */
  async timeFetch<T>(subgraph: string, fetch: () => Promise<T>): Promise<T> {
    const end = this.fetchDuration.startTimer({ subgraph });
    try {
      return await fetch();
    } catch (error) {
      this.fetchFailures.inc({ subgraph });
      throw error;
    } finally {
      end();
    }
  }
}
