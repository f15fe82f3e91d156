import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, loginAs, makeUser, type TestContext, tryLogin } from '../../test/helpers.ts';

let t: TestContext;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t.close());

describe('platform', () => {
  it('GET /api/health answers status, db and version without a session', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: t.database.kind, version: expect.any(String) });
  });

  it('serves the OpenAPI document with schemas for the registry routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.paths['/api/orgs'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/auth/login'].post.requestBody).toBeDefined();
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect([200, 302]).toContain(docs.statusCode);
  });

  it('sets security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
  });

  it('answers unknown routes with the error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'NOT_FOUND', message: expect.any(String), requestId: expect.any(String) });
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x', password: 'y'.repeat(1_100_000) }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it("a 400 names the field once: our messages already do, zod's own get the field in front", async () => {
    const post = async (payload: unknown) =>
      (await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: payload as object })).json().message;
    expect(await post({ username: '', password: 'x' })).toBe('请输入用户名');
    expect(await post({ username: 12, password: 'x' })).toMatch(/^用户名：无效输入/);
  });

  it('answers 400 for a lone surrogate anywhere in the input, which PostgreSQL could not store (found by the fuzz test as a 500 on login)', async () => {
    const s = await loginAs(t, { role: 'sysAdmin' });
    const post = (body: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: body,
      });
    for (const body of [
      '{"username":"\\ud800","password":"x"}',
      '{"username":"a","password":"\\udc00"}',
      '{"username":"a","password":"x","\\ud800":1}',
      '[[[["\\udbff"]]]]',
    ]) {
      const res = await post(body);
      expect(res.statusCode, body).toBe(400);
      expect(res.json().message).toBe('提交的内容包含无效的字符编码');
    }
    // A well-formed pair next to it is an ordinary character.
    expect((await post('{"username":"\\ud840\\udc00","password":"x"}')).statusCode).toBe(401);
    // Percent-encoded bytes of a surrogate are not UTF-8: the parser turns them into U+FFFD or refuses them.
    expect((await s.get('/api/users?q=%ED%A0%80')).statusCode).toBeLessThan(500);
  });
});

describe('deny by default', () => {
  it('every /api route declares a permission, and every non-public one answers 401 without a session', async () => {
    const routes: { method: string; url: string; permission?: string }[] = [];
    // Rebuild the route list from the OpenAPI document plus the hidden routes we know about.
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const [url, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>))
      for (const method of Object.keys(ops)) routes.push({ method: method.toUpperCase(), url });
    expect(routes.length).toBeGreaterThan(20);
    const publicRoutes = new Set(['POST /api/auth/login', 'GET /api/health']);
    // The public channel (码上巡) lives under /api/public/ and nowhere else.
    const isPublic = (r: { method: string; url: string }) =>
      publicRoutes.has(`${r.method} ${r.url}`) || r.url.startsWith('/api/public/');
    for (const r of routes) {
      const url = r.url.replace(/\{[^}]+\}/g, '01890000-0000-7000-8000-000000000000');
      const res = await t.app.inject({ method: r.method as 'GET', url, payload: r.method === 'GET' ? undefined : {} });
      if (isPublic(r)) expect(res.statusCode, `${r.method} ${r.url}`).not.toBe(401);
      else expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('refuses to register an /api route without a permission', async () => {
    // An app not yet booted: a booted Fastify refuses every new route ("Root plugin has already
    // booted"), which would pass this test whatever the gate did.
    const t2 = await buildTestApp({}, undefined, { ready: false });
    try {
      expect(() => t2.app.get('/api/unguarded', async () => ({}))).toThrow(/declares no permission/);
      expect(() => t2.app.get('/api/guarded', { config: { permission: 'public' } }, async () => ({}))).not.toThrow();
    } finally {
      await t2.close();
    }
  });

  it('a user with no grant gets nothing but their own account', async () => {
    const s = await loginAs(t);
    expect((await s.get('/api/auth/me')).statusCode).toBe(200);
    for (const url of ['/api/orgs', '/api/authorities', '/api/users', '/api/audit', '/api/settings'])
      expect((await s.get(url)).statusCode, url).toBe(403);
  });
});

describe('logs', () => {
  it('carry no passwords, session cookies or CSRF tokens, and escape control characters', async () => {
    let out = '';
    const sink = new Writable({
      write(chunk, _enc, cb) {
        out += chunk.toString();
        cb();
      },
    });
    const t2 = await buildTestApp({ logLevel: 'trace' }, sink);
    try {
      const u = await makeUser(t2, { password: 'Distinctive-Secret-9911' });
      const s = await login(t2, u.username, 'Distinctive-Secret-9911');
      await s.get('/api/auth/me');
      await tryLogin(t2, u.username, 'Wrong-Secret-7733');
      await t2.app.inject({ method: 'GET', url: '/api/health?x=\u001b[31mforged\nline' });
      await s.post('/api/auth/logout');
      expect(out.length).toBeGreaterThan(0);
      expect(out).not.toContain('Distinctive-Secret-9911');
      expect(out).not.toContain('Wrong-Secret-7733');
      expect(out).not.toContain(s.cookie.split('=')[1]);
      expect(out).not.toContain(s.csrf);
      for (const line of out.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    } finally {
      await t2.close();
    }
  });
});
