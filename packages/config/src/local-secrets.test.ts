import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, loadEnvironment, readEnvironment } from '.';

describe('secrets', () => {
  let folder: string;
  let secretsFile: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'tenantry-secrets-'));
    secretsFile = join(folder, 'var', 'secrets.json');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('have no built-in value', () => {
    const env = readEnvironment({});
    expect(env.ACCESS_TOKEN_SECRET).toBeUndefined();
    expect(env.PRINCIPAL_SECRET).toBeUndefined();
  });

  it('are generated at random on the first start, kept readable by the owner only, and reused later', () => {
    const first = loadEnvironment({ SECRETS_FILE: secretsFile });
    expect(first.ACCESS_TOKEN_SECRET).toHaveLength(64);
    expect(first.PRINCIPAL_SECRET).toHaveLength(64);
    expect(first.PRINCIPAL_SECRET).not.toBe(first.ACCESS_TOKEN_SECRET);
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);

    const later = loadEnvironment({ SECRETS_FILE: secretsFile });
    expect(later.ACCESS_TOKEN_SECRET).toBe(first.ACCESS_TOKEN_SECRET);
    expect(later.PRINCIPAL_SECRET).toBe(first.PRINCIPAL_SECRET);

    const elsewhere = loadEnvironment({ SECRETS_FILE: join(folder, 'other', 'secrets.json') });
    expect(elsewhere.ACCESS_TOKEN_SECRET).not.toBe(first.ACCESS_TOKEN_SECRET);
  });

  it('set in the environment win over the file and create none', () => {
    const accessTokenSecret = 'a'.repeat(40);
    const principalSecret = 'p'.repeat(40);
    const env = loadEnvironment({ SECRETS_FILE: secretsFile, ACCESS_TOKEN_SECRET: accessTokenSecret, PRINCIPAL_SECRET: principalSecret });
    expect(env).toMatchObject({ ACCESS_TOKEN_SECRET: accessTokenSecret, PRINCIPAL_SECRET: principalSecret });
    expect(() => statSync(secretsFile)).toThrow(/ENOENT/);
  });

  it('from a damaged file stop the start with a message naming the file', () => {
    loadEnvironment({ SECRETS_FILE: secretsFile });
    writeFileSync(secretsFile, '{"accessTokenSecret":"short"}');
    expect(() => loadEnvironment({ SECRETS_FILE: secretsFile })).toThrow(ConfigurationError);
    expect(() => loadEnvironment({ SECRETS_FILE: secretsFile })).toThrow(secretsFile);
    expect(readFileSync(secretsFile, 'utf8')).toBe('{"accessTokenSecret":"short"}');
  });
});
