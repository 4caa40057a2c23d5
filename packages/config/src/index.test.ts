import { ConfigurationError, DEFAULT_RATE_LIMITS, readEnvironment } from '.';

describe('readEnvironment', () => {
  it('gives local defaults when nothing is set', () => {
    const env = readEnvironment({});
    expect(env.PORT).toBe(4000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.MAIL_DIR).toBe('./var/mail');
    expect(env.PUBLIC_URL).toBe('http://localhost:4000');
  });

  it('lets the links in mail follow the gateway port unless PUBLIC_URL is set', () => {
    expect(readEnvironment({ PORT: '4810' }).PUBLIC_URL).toBe('http://localhost:4810');
    expect(readEnvironment({ PORT: '4810', PUBLIC_URL: 'https://id.example.com' }).PUBLIC_URL).toBe('https://id.example.com');
  });

  it('names every bad variable in one message', () => {
    expect(() => readEnvironment({ PORT: 'eighty', DATABASE_URL: 'postgres://x/y', ACCESS_TOKEN_SECRET: 'short' })).toThrow(ConfigurationError);
    try {
      readEnvironment({ PORT: 'eighty', DATABASE_URL: 'postgres://x/y', ACCESS_TOKEN_SECRET: 'short' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/DATABASE_URL must look like mysql:\/\//);
      expect(message).toMatch(/ACCESS_TOKEN_SECRET must be at least 32 characters/);
    }
  });

  it('reads CORS_ORIGINS as a list of origins, none by default, and refuses a path or a bad LOG_LEVEL', () => {
    expect(readEnvironment({}).CORS_ORIGINS).toEqual([]);
    expect(readEnvironment({ CORS_ORIGINS: 'https://app.example.com, http://localhost:3000' }).CORS_ORIGINS).toEqual([
      'https://app.example.com',
      'http://localhost:3000',
    ]);
    expect(() => readEnvironment({ CORS_ORIGINS: 'https://app.example.com/' })).toThrow(/CORS_ORIGINS must be comma-separated origins/);
    expect(() => readEnvironment({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/);
    expect(readEnvironment({}).LOG_LEVEL).toBe('info');
  });

  it('accepts a MySQL url and treats empty strings as unset', () => {
    const env = readEnvironment({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/test', PORT: '' });
    expect(env.DATABASE_URL).toBe('mysql://root@127.0.0.1:3306/test');
    expect(env.PORT).toBe(4000);
  });

  it('keeps principals 60 s by default, takes 0 (off), and refuses a negative PRINCIPAL_CACHE_TTL_SECONDS', () => {
    expect(readEnvironment({}).PRINCIPAL_CACHE_TTL_SECONDS).toBe(60);
    expect(readEnvironment({ PRINCIPAL_CACHE_TTL_SECONDS: '0' }).PRINCIPAL_CACHE_TTL_SECONDS).toBe(0);
    expect(() => readEnvironment({ PRINCIPAL_CACHE_TTL_SECONDS: '-1' })).toThrow(/PRINCIPAL_CACHE_TTL_SECONDS/);
  });

  it('keeps the default rate limits, takes RATE_LIMITS overrides, and refuses an unknown rule or a bad REDIS_URL', () => {
    expect(readEnvironment({}).RATE_LIMITS).toEqual(DEFAULT_RATE_LIMITS);
    const limits = readEnvironment({ RATE_LIMITS: 'login.ip=100/1m, resetMail.username=5/2h' }).RATE_LIMITS;
    expect(limits['login.ip']).toEqual({ points: 100, durationSeconds: 60 });
    expect(limits['resetMail.username']).toEqual({ points: 5, durationSeconds: 7200 });
    expect(limits['login.username']).toEqual(DEFAULT_RATE_LIMITS['login.username']);
    expect(() => readEnvironment({ RATE_LIMITS: 'login.everyone=1/1m' })).toThrow(/RATE_LIMITS has "login.everyone=1\/1m"/);
    expect(() => readEnvironment({ RATE_LIMITS: 'login.ip=0/1m' })).toThrow(/RATE_LIMITS/);
    expect(readEnvironment({ REDIS_URL: 'redis://127.0.0.1:6379' }).REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(() => readEnvironment({ REDIS_URL: '127.0.0.1:6379' })).toThrow(/REDIS_URL must look like redis:\/\//);
  });

  it('believes no proxy unless TRUST_PROXY names one', () => {
    expect(readEnvironment({}).TRUST_PROXY).toBeUndefined();
    expect(readEnvironment({ TRUST_PROXY: 'true' }).TRUST_PROXY).toBe(true);
    expect(readEnvironment({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(readEnvironment({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '127.0.0.1']);
    expect(() => readEnvironment({ TRUST_PROXY: 'the load balancer' })).toThrow(/TRUST_PROXY must be true/);
  });
});
