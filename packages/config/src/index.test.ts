import { ConfigurationError, readEnvironment } from '.';

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
});
