import { z } from 'zod';
import {
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  DEFAULT_INVITATION_TTL_HOURS,
  DEFAULT_PRINCIPAL_CACHE_TTL_SECONDS,
  DEFAULT_REFRESH_TOKEN_TTL_DAYS,
} from './defaults';
import { ConfigurationError } from './configuration-error';
import { rateLimitOverrides, trustProxy } from './rate-limits';
import type { Subgraph } from './subgraph-registry';
import { subgraphRegistry } from './subgraph-registry';

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a port number' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 65535')
    .max(65535, 'must be between 1 and 65535')
    .default(fallback);

// No default: unset secrets are generated once per installation (see local-secrets.ts).
const secret = z.string().min(32, 'must be at least 32 characters').optional();

const databaseUrl = z
  .string()
  .refine((value) => /^mysql:\/\/[^/]+\/[^/?]+/.test(value), 'must look like mysql://user:pass@host:3306/db')
  .optional();

/** Comma-separated origins (`https://app.example.com`), each exactly scheme, host and optional port. */
const origins = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
  )
  .refine(
    (list) => list.every((origin) => /^https?:\/\/[^/\s]+$/.test(origin) && new URL(origin).origin === origin),
    'must be comma-separated origins such as https://app.example.com (scheme and host, no path or trailing slash)',
  )
  .default([]);

/** Environment every process of the graph reads, except each subgraph's own variables ({@link subgraphVariables}). */
export const environmentSchema = z.object({
  PORT: port(4000),
  /** `development` opens introspection and suggestions to every signed-in user (README: Schema exposure). */
  NODE_ENV: z.string().optional(),
  /** Interface the gateway listens on; subgraphs always bind to loopback. */
  HOST: z.string().default('127.0.0.1'),
  /** Interface subgraphs listen on; they refuse unsigned requests, but keep them off public networks. */
  SUBGRAPH_HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: databaseUrl,
  DATABASE_FILE: z.string().default('./var/tenantry.sqlite'),
  MAIL_DIR: z.string().default('./var/mail'),
  SMTP_URL: z
    .string()
    .refine((value) => /^smtps?:\/\//.test(value), 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().default('Tenantry <no-reply@tenantry.local>'),
  /** Base of the links in mails; unset follows PORT (http://localhost:<PORT>). */
  PUBLIC_URL: z.string().url('must be an absolute URL').optional(),
  ACCESS_TOKEN_SECRET: secret,
  PRINCIPAL_SECRET: secret,
  /** Where secrets that are not set are generated and kept. */
  SECRETS_FILE: z.string().default('./var/secrets.json'),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86400).default(DEFAULT_ACCESS_TOKEN_TTL_SECONDS),
  /** How long invitation and activation links work. */
  INVITATION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(DEFAULT_INVITATION_TTL_HOURS),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(DEFAULT_REFRESH_TOKEN_TTL_DAYS),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  /** Seed the demo account: by default only on the embedded database, never silently into MySQL. */
  SEED_DEMO_DATA: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
  /** Level of the JSON logs every server writes (pino's levels; `silent` writes none). */
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'must be one of fatal, error, warn, info, debug, trace, silent' })
    .default('info'),
  /** Browser origins the gateway answers cross-origin requests from; none by default. */
  CORS_ORIGINS: origins,
  /** When set, /metrics answers callers with this bearer token as well as loopback callers. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** A JSON manifest of sha256 → document (a client build's persisted documents), known to the gateway by hash. */
  TRUSTED_DOCUMENTS_FILE: z.string().optional(),
  /** `true`: the gateway runs only the manifest's documents (a portal's own client); needs TRUSTED_DOCUMENTS_FILE. */
  TRUSTED_DOCUMENTS_ONLY: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  /** Where the gateway keeps rate-limit counters so that every instance agrees; unset keeps them in process memory. */
  REDIS_URL: z
    .string()
    .refine((value) => /^rediss?:\/\/[^/]/.test(value), 'must look like redis://host:6379 or rediss://host:6380')
    .optional(),
  /** How long the gateway keeps a session's principal between requests; 0 asks the users subgraph on every request (README: Configuration). */
  PRINCIPAL_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(DEFAULT_PRINCIPAL_CACHE_TTL_SECONDS),
  /** Overrides of the gateway's rate limits (README: Rate limits). */
  RATE_LIMITS: rateLimitOverrides,
  /** Proxies whose x-forwarded-for the gateway believes for the client address; none by default. */
  TRUST_PROXY: trustProxy,
});

/**
 * Two variables per subgraph of the registry (schema/supergraph.yaml): `<NAME>_PORT`, the port it
 * listens on (default: its `port`), and `SUBGRAPH_URL_<NAME>`, where the gateway reaches it
 * (default: its `routing_url`).
 */
function subgraphVariables(subgraphs: readonly Subgraph[]): z.ZodObject<Record<string, z.ZodType<number | string | undefined>>> {
  return z.object(
    Object.fromEntries(
      subgraphs.flatMap((subgraph) => [
        [subgraph.portVariable, port(subgraph.port)],
        [subgraph.urlVariable, z.string().url('must be an absolute URL').optional()],
      ]),
    ),
  );
}

/** The subgraphs' variables, typed by their shape since their names come from the registry. */
export interface SubgraphEnvironment {
  readonly [portVariable: `${string}_PORT`]: number;
  readonly [urlVariable: `SUBGRAPH_URL_${string}`]: string | undefined;
}

export type Environment = Omit<z.infer<typeof environmentSchema>, 'PUBLIC_URL'> & { PUBLIC_URL: string } & SubgraphEnvironment;

/** The port a subgraph listens on: `<NAME>_PORT`, else the registry's. */
export function subgraphPort(env: Environment, subgraph: Subgraph): number {
  return env[subgraph.portVariable as `${string}_PORT`] ?? subgraph.port;
}

/** Where the gateway reaches a subgraph: `SUBGRAPH_URL_<NAME>`, else the registry's `routing_url`. */
export function subgraphUrl(env: Environment, subgraph: Subgraph): string {
  return env[subgraph.urlVariable as `SUBGRAPH_URL_${string}`] ?? subgraph.routingUrl;
}

/**
 * Validates the environment, with the variables of every subgraph in `subgraphs` (by default the
 * registry's); empty strings count as unset.
 */
export function readEnvironment(source: NodeJS.ProcessEnv = process.env, subgraphs: readonly Subgraph[] = subgraphRegistry()): Environment {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  const subgraphParsed = subgraphVariables(subgraphs).safeParse(present);
  if (!parsed.success || !subgraphParsed.success) {
    const issues = [...(parsed.error?.issues ?? []), ...(subgraphParsed.error?.issues ?? [])];
    throw new ConfigurationError(issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
  }
  // The shape built from the registry gives exactly these names: a port per `<NAME>_PORT`, a URL or nothing per `SUBGRAPH_URL_<NAME>`.
  const subgraphData = subgraphParsed.data as SubgraphEnvironment;
  return { ...parsed.data, ...subgraphData, PUBLIC_URL: parsed.data.PUBLIC_URL ?? `http://localhost:${parsed.data.PORT}` };
}

/** Prints a configuration error and exits; any other error is rethrown. */
export function exitOnConfigurationError(error: unknown): never {
  if (error instanceof ConfigurationError) {
    console.error(error.message);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}
