import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('gives working defaults: embedded database under ./data on port 3000', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeUndefined();
    expect(c.dataDir.endsWith('/data')).toBe(true);
    expect(c.demo).toBe(true);
  });

  it('stops with a message naming each bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud', DEMO: 'yes' })).toThrow(/LOG_LEVEL[\s\S]*DEMO/);
  });

  it('reads PostgreSQL and proxy settings', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/x', TRUST_PROXY: '1', COOKIE_SECURE: '1', DEMO: '0' });
    expect(c.databaseUrl).toBe('postgres://u@db:5432/x');
    expect(c.trustProxy).toBe(true);
    expect(c.cookieSecure).toBe(true);
    expect(c.demo).toBe(false);
  });
});
