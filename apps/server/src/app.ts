import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ErrorCode } from '@xc/domain';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { adminRoutes } from './modules/admin/admin.routes.ts';
import { auditlinkRoutes } from './modules/auditlink/index.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { sessionResolver } from './modules/auth/index.ts';
import { fieldworkRoutes, fieldworkStageGuard } from './modules/fieldwork/index.ts';
import { governanceRoutes } from './modules/governance/index.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { orgsRoutes } from './modules/orgs/orgs.routes.ts';
import { personnelRoutes } from './modules/personnel/personnel.routes.ts';
import { petitionsRoutes } from './modules/petitions/petitions.routes.ts';
import { planningRoutes } from './modules/planning/planning.routes.ts';
import { rectificationRoutes, rectificationStageGuard } from './modules/rectification/index.ts';
import { surveysRoutes } from './modules/surveys/surveys.routes.ts';
import { registerAccessGate } from './platform/auth.ts';
import { type Clock, systemClock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { StageGuard } from './platform/context.ts';
import type { Database } from './platform/db.ts';
import { registerErrorHandler, registerInputGuard } from './platform/errors.ts';
import { FieldCipher, type KeyRing, loadKeyRing } from './platform/keys.ts';
import { RequestLimits, registerApiHeaders } from './platform/limits.ts';
import { childLoggerFactory, loggerOptions } from './platform/logging.ts';
import { isStaticAsset, publicClientKey, registerPublicHeaders } from './platform/public.ts';
import { SnapshotStore, sharedStore } from './platform/rate-limit-store.ts';
import { SettingsStore } from './platform/settings.ts';
import { type SharedState, sharedStateFor } from './platform/shared-state.ts';

export interface BuildOptions {
  config: Config;
  database: Database;
  clock?: Clock;
  /** Secrets; default: the key file named by the configuration (created on first start). */
  keys?: KeyRing;
  /** Pino destination for tests that inspect the log; default stdout. */
  logStream?: NodeJS.WritableStream;
  /** State shared with other instances; default: PostgreSQL's tables, or memory on PGlite. */
  shared?: SharedState;
  /**
   * Prerequisites of stage moves owned by other modules; default: every module's. The planning
   * tests pass none to try the stage machine alone (fieldwork's tests try its guard).
   */
  stageGuards?: StageGuard[];
}

export type App = FastifyInstance;

export async function buildApp(opts: BuildOptions): Promise<App> {
  const { config, database } = opts;
  const keys = opts.keys ?? loadKeyRing(config.keyFile);
  const app = Fastify({
    logger: loggerOptions(config.logLevel, opts.logStream),
    childLoggerFactory: childLoggerFactory as never,
    // A URL the router cannot even decode answers in the product's error shape, like every error.
    frameworkErrors: (err, req, reply) => {
      req.log.info({ code: err.code }, 'malformed request');
      void (reply as unknown as FastifyReply)
        .status(400)
        .send({ code: ErrorCode.BadRequest, message: '请求地址格式不正确', requestId: req.id });
    },
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('deps', {
    config,
    database,
    db: database.db,
    clock: opts.clock ?? systemClock,
    settings: new SettingsStore(database.db, { totpRequiredByDefault: config.totpRequiredByDefault }),
    keys,
    cipher: new FieldCipher(keys),
    shared: opts.shared ?? sharedStateFor(database),
    // Prerequisites of stage moves owned by the modules that keep the records (see StageGuard).
    stageGuards: opts.stageGuards ?? [fieldworkStageGuard, rectificationStageGuard],
  });

  registerErrorHandler(app);
  registerInputGuard(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its CSS-in-JS into <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  // Every request counts against the per-address and per-caller limits (platform/limits.ts): staff
  // per account, so an office behind one NAT address is not one client; everyone else per (hashed)
  // address.
  registerAccessGate(app, sessionResolver, new RequestLimits(app));
  // Routes with a limit of their own (login, password checks, 码上巡) count here instead.
  await app.register(rateLimit, {
    global: false,
    keyGenerator: async (req) =>
      req.actor ? `u:${req.actor.userId}` : `a:${await publicClientKey(app.deps, req, app.deps.clock.now().getTime())}`,
    store: database.kind === 'postgres' ? sharedStore(app.deps.shared) : SnapshotStore,
  });
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 5 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '巡察工作平台 API', version: config.version },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'xc_sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  registerPublicHeaders(app);
  registerApiHeaders(app);
  await app.register(swaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'list' } });

  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(adminRoutes);
  await app.register(orgsRoutes);
  await app.register(planningRoutes);
  await app.register(personnelRoutes);
  await app.register(petitionsRoutes);
  await app.register(surveysRoutes);
  await app.register(fieldworkRoutes);
  await app.register(auditlinkRoutes);
  await app.register(rectificationRoutes);
  await app.register(governanceRoutes);

  registerWeb(app, config.webDist);
  app.addHook('onClose', async () => {
    await database.close();
  });
  return app;
}

/** The built web app, with client-side routes falling back to index.html. */
function registerWeb(app: FastifyInstance, dist: string): void {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return;
  app.register(fastifyStatic, {
    root: dist,
    wildcard: false,
    index: false,
    cacheControl: false,
    // Vite names built assets by their content: they never change, so browsers keep them a year.
    setHeaders: (reply, file) =>
      reply.header(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ),
  });
  app.get('/*', { config: { permission: 'public' }, schema: { hide: true } }, (req, reply) => {
    const p = req.url.split('?')[0] ?? '/';
    if (p.startsWith('/api/')) return reply.callNotFound();
    const file = path.join(dist, path.normalize(p).replace(/^(\.\.[/\\])+/, ''));
    if (file.startsWith(dist) && p !== '/' && fs.existsSync(file) && fs.statSync(file).isFile())
      return reply.sendFile(path.relative(dist, file), {
        cacheControl: true,
        maxAge: isStaticAsset(p) ? 31536000000 : 0,
        immutable: isStaticAsset(p),
      });
    // The public pages (码上巡) are their own entry: the staff app never loads on a citizen's phone.
    const page =
      (p === '/p' || p.startsWith('/p/')) && fs.existsSync(path.join(dist, 'p.html')) ? 'p.html' : 'index.html';
    return reply.header('cache-control', 'no-store').sendFile(page);
  });
}
