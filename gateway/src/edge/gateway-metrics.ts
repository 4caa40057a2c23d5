import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { GraphQLFormattedError, OperationDefinitionNode } from 'graphql';
import { Kind } from 'graphql';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { OperatorFiguresSource } from './operator-figures.client';

/** Distinct operation names kept as labels; later names count as `(other)`, so clients cannot grow the series without bound. */
const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

/** The mutations that test a password or TOTP code; a wrong one answers `login` UNAUTHENTICATED, the others BAD_USER_INPUT naming the field. */
const CREDENTIAL_MUTATIONS: ReadonlySet<string> = new Set(['login', 'confirmTotp', 'disableTotp', 'changePassword']);
const WRONG_CREDENTIAL_FIELDS: ReadonlySet<unknown> = new Set(['code', 'currentPassword']);

/** Whether an error of a credential mutation says the secret was wrong (a TOTP code asked for after a right password is not). */
function isWrongCredential(field: string, error: GraphQLFormattedError): boolean {
  if (field === 'login') return error.extensions?.code === 'UNAUTHENTICATED' && error.extensions.totpRequired !== true;
  return error.extensions?.code === 'BAD_USER_INPUT' && WRONG_CREDENTIAL_FIELDS.has(error.extensions.field);
}

/** The root field each response key of a mutation stands for (`a1: login(...)` → a1 → login). */
function rootFieldsByKey(operation: OperationDefinitionNode | undefined): Map<string, string> {
  const fields = new Map<string, string>();
  if (operation?.operation !== 'mutation') return fields;
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind === Kind.FIELD) fields.set(selection.alias?.value ?? selection.name.value, selection.name.value);
  }
  return fields;
}

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
  private readonly credentialFailures = new Counter({
    name: 'tenantry_credential_failures_total',
    help: 'Wrong passwords or TOTP codes answered (failed logins and failed TOTP or password checks), by mutation',
    labelNames: ['mutation'],
    registers: [this.registry],
  });
  private readonly principalCacheAnswers = new Counter({
    name: 'tenantry_principal_cache_requests_total',
    help: 'Signed-in requests by whether the principal cache answered (hit) or the users subgraph was asked (miss)',
    labelNames: ['result'],
    registers: [this.registry],
  });
  private readonly principalInvalidations = new Counter({
    name: 'tenantry_principal_invalidations_total',
    help: 'Invalidations of kept principals this gateway published (after mutations that may change principals)',
    registers: [this.registry],
  });
  private readonly unacknowledgedInvalidations = new Counter({
    name: 'tenantry_principal_invalidations_unacknowledged_total',
    help: 'Invalidations that not every gateway acknowledged within a second (or Redis refused)',
    registers: [this.registry],
  });
  private readonly principalCacheServing = new Gauge({
    name: 'tenantry_principal_cache_serving',
    help: '1 while kept principals are served; 0 while invalidations could be missed (Redis not subscribed) or the cache is off',
    registers: [this.registry],
  });
  private readonly operations = new Set<string>();

  /** `figures` (outbox backlog, locked users) are asked at every scrape; when that fails or is slow, their gauges are left out of that scrape. */
  constructor(figures?: OperatorFiguresSource) {
    collectDefaultMetrics({ register: this.registry });
    if (figures) this.registerDatabaseGauges(figures);
  }

  private registerDatabaseGauges(figures: OperatorFiguresSource): void {
    let asked: Promise<void> | undefined;
    const gauges: Gauge[] = [];
    // One question answers every gauge: the registry collects each in turn within one scrape.
    const collect = async () => {
      asked ??= figures
        .read()
        .then((answer) => {
          backlog.set({ subgraph: 'users' }, answer.backlog);
          oldest.set({ subgraph: 'users' }, answer.oldestDueSeconds);
          locked.set({ subgraph: 'users' }, answer.lockedUsers);
        })
        // Labelled by the subgraph that answers, so that reset() leaves no series (an unlabelled gauge would show 0).
        .catch(() => gauges.forEach((gauge) => gauge.reset()))
        .finally(() => setImmediate(() => (asked = undefined)));
      await asked;
    };
    const gauge = (name: string, help: string) => new Gauge({ name, help, labelNames: ['subgraph'], registers: [this.registry], collect });
    const backlog = gauge('tenantry_mail_outbox_backlog', 'Mails in the outbox not yet sent nor given up');
    const oldest = gauge('tenantry_mail_outbox_oldest_due_seconds', 'Age of the oldest mail due for sending and not yet sent; 0 when none is due');
    const locked = gauge('tenantry_users_locked', 'Users locked now after too many wrong passwords or TOTP codes');
    gauges.push(backlog, oldest, locked);
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
            const fields = rootFieldsByKey(operation);
            for (const error of errors) {
              const field = fields.get(String(error.path?.[0]));
              if (field && CREDENTIAL_MUTATIONS.has(field) && isWrongCredential(field, error)) this.credentialFailures.inc({ mutation: field });
            }
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

  /** Counts a signed-in request the principal cache answered (`hit`) or sent on to the users subgraph (`miss`). */
  principalCacheAnswer(result: 'hit' | 'miss'): void {
    this.principalCacheAnswers.inc({ result });
  }

  /** Counts an invalidation of kept principals this gateway published. */
  principalInvalidation(): void {
    this.principalInvalidations.inc();
  }

  /** Counts an invalidation not every gateway acknowledged in time. */
  unacknowledgedInvalidation(): void {
    this.unacknowledgedInvalidations.inc();
  }

  /** Whether kept principals are served now. */
  principalCacheServes(serving: boolean): void {
    this.principalCacheServing.set(serving ? 1 : 0);
  }

  /** Reports the principal cache's size at every scrape: its memory should follow the sessions active within its TTL. */
  countKeptPrincipals(keptSessions: () => number): void {
    new Gauge({
      name: 'tenantry_principal_cache_sessions',
      help: 'Sessions whose principal the gateway holds in memory (active within the principal cache TTL; expired ones go at the next request)',
      registers: [this.registry],
      collect() {
        this.set(keptSessions());
      },
    });
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
