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
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@db:5432/x',
      TRUSTED_PROXIES: '10.0.0.5, 172.16.0.0/12',
      COOKIE_SECURE: '1',
      DEMO: '0',
    });
    expect(c.databaseUrl).toBe('postgres://u@db:5432/x');
    expect(c.trustProxy).toEqual(['10.0.0.5', '172.16.0.0/12']);
    expect(c.cookieSecure).toBe(true);
    expect(c.demo).toBe(false);
  });

  it('trusts no proxy by default, refuses a malformed list and the retired TRUST_PROXY', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(() => loadConfig({ TRUSTED_PROXIES: '10.0.0.0/33' })).toThrow(/TRUSTED_PROXIES/);
    expect(() => loadConfig({ TRUSTED_PROXIES: 'proxy.example' })).toThrow(/TRUSTED_PROXIES/);
    expect(() => loadConfig({ TRUST_PROXY: '1' })).toThrow(/TRUSTED_PROXIES/);
  });
});
