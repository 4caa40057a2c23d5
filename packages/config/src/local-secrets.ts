import { randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { ConfigurationError } from './configuration-error';
import type { Environment } from './environment';
import { readEnvironment } from './environment';

/** The secrets that sign tokens: never a built-in value, so no public secret ever signs anything. */
export interface GraphSecrets {
  accessTokenSecret: string;
  principalSecret: string;
}

/** The environment with both secrets settled (from the environment or the secrets file). */
export type RuntimeEnvironment = Environment & { ACCESS_TOKEN_SECRET: string; PRINCIPAL_SECRET: string };

/**
 * Secrets set in the environment win; those unset come from SECRETS_FILE, which the first start
 * fills with random values (mode 0600) and every later start, and every process started alone,
 * reads again.
 */
export function resolveSecrets(env: Pick<Environment, 'ACCESS_TOKEN_SECRET' | 'PRINCIPAL_SECRET' | 'SECRETS_FILE'>): GraphSecrets {
  if (env.ACCESS_TOKEN_SECRET && env.PRINCIPAL_SECRET) return { accessTokenSecret: env.ACCESS_TOKEN_SECRET, principalSecret: env.PRINCIPAL_SECRET };
  const stored = readOrCreateSecretsFile(resolve(env.SECRETS_FILE));
  return { accessTokenSecret: env.ACCESS_TOKEN_SECRET ?? stored.accessTokenSecret, principalSecret: env.PRINCIPAL_SECRET ?? stored.principalSecret };
}

/** {@link readEnvironment} plus {@link resolveSecrets}: what every process of the graph starts from. */
export function loadEnvironment(source: NodeJS.ProcessEnv = process.env): RuntimeEnvironment {
  const env = readEnvironment(source);
  const secrets = resolveSecrets(env);
  return { ...env, ACCESS_TOKEN_SECRET: secrets.accessTokenSecret, PRINCIPAL_SECRET: secrets.principalSecret };
}

function readOrCreateSecretsFile(file: string): GraphSecrets {
  try {
    return parseSecretsFile(file, readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const fresh: GraphSecrets = { accessTokenSecret: randomBytes(48).toString('base64url'), principalSecret: randomBytes(48).toString('base64url') };
  // Written aside and linked into place: a process starting at the same moment sees a whole file or none, and the first one wins.
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(draft, `${JSON.stringify(fresh, null, 2)}\n`, { mode: 0o600 });
  try {
    linkSync(draft, file);
    return fresh;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return parseSecretsFile(file, readFileSync(file, 'utf8'));
  } finally {
    unlinkSync(draft);
  }
}

function parseSecretsFile(file: string, text: string): GraphSecrets {
  let parsed: Partial<GraphSecrets> = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    // reported below
  }
  const valid = (value: unknown) => typeof value === 'string' && value.length >= 32;
  if (!valid(parsed.accessTokenSecret) || !valid(parsed.principalSecret)) {
    throw new ConfigurationError([
      `SECRETS_FILE ${file} must hold accessTokenSecret and principalSecret of at least 32 characters (delete it to generate new ones)`,
    ]);
  }
  return { accessTokenSecret: parsed.accessTokenSecret!, principalSecret: parsed.principalSecret! };
}
