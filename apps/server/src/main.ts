import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.ts';
import { bootstrapAdmins, disableInactiveAccounts } from './modules/auth/index.ts';
import { backupTo, restoreFrom } from './ops/backup.ts';
import { addFieldKey, reencryptFields, sealPendingFields } from './ops/rotate-keys.ts';
import { checkAuditHead, checkpointAuditHead, checkpointSoon, verifyAuditChain } from './platform/audit.ts';
import { systemClock } from './platform/clock.ts';
import { type Config, loadConfig } from './platform/config.ts';
import { runCryptoSelfTests } from './platform/crypto.ts';
import { openInDataDir } from './platform/data-dir.ts';
import { type Database, openDatabase } from './platform/db.ts';
import { grantAppRole } from './platform/db-roles.ts';
import { type KeyRing, loadKeyRing } from './platform/keys.ts';
import { isEmpty, seedDemo } from './seed/seed.ts';

/**
 * CLI entry: serve | migrate | seed | backup FILE | restore FILE | audit-verify | rotate-keys.
 * `npm start` runs `serve`, which migrates and, on an empty database in demo mode, seeds.
 */
async function open(config: Config): Promise<Database> {
  // The data folder is the owner's only (0700, files 0600), checked before and after the database opens.
  return openInDataDir(config.dataDir, () => openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
}

/**
 * Migrations, then the values an upgrade left waiting to be encrypted (migration 0011 moved clear
 * text out of the tables; SQL cannot encrypt): sealed under the key file before anything reads them.
 */
async function migrateAndSeal(config: Config, database: Database, keys = loadKeyRing(config.keyFile)): Promise<void> {
  await migrateAsOwner(config, database);
  await sealPendingFields(database.db, keys, systemClock);
}

/** Migrations as the owner when MIGRATION_DATABASE_URL is set (the server's own role may not). */
async function migrateAsOwner(config: Config, database: Database): Promise<void> {
  if (!config.migrationDatabaseUrl) return database.migrate();
  const owner = await openDatabase({ url: config.migrationDatabaseUrl, poolMax: 1 });
  try {
    await owner.migrate();
  } finally {
    await owner.close();
  }
}

/**
 * The key ring of an existing KEY_FILE, for backup and restore. `loadKeyRing` creates a missing
 * file, which is right for a first start but wrong here: a backup sealed under keys nobody kept
 * could never be restored, and a restore under fresh keys can verify nothing.
 */
function existingKeyRing(config: Config, what: '备份' | '恢复'): KeyRing {
  if (!fs.existsSync(config.keyFile))
    throw new Error(
      `找不到密钥文件 KEY_FILE=${config.keyFile}：${what}须使用服务器的密钥文件（备份用其中的备份密钥加密和签名），请设置 KEY_FILE 指向它`,
    );
  return loadKeyRing(config.keyFile);
}

async function serve(config: Config) {
  const t0 = performance.now();
  runCryptoSelfTests();
  const database = await open(config);
  // One key ring for the seed and the server: the demo's receipts and names must open with it.
  const keys = loadKeyRing(config.keyFile);
  await migrateAndSeal(config, database, keys);
  if (config.demo && (await isEmpty(database.db)))
    await seedDemo(database.db, systemClock, config, { print: true, keys });
  const app = await buildApp({ config, database, keys });
  const checkpoint = () =>
    checkpointAuditHead(database.db, config.dataDir, keys.auditKey).catch((err) =>
      app.log.warn({ err }, 'audit head checkpoint failed'),
    );
  const timer = setInterval(checkpoint, 60_000);
  timer.unref();
  const soon = checkpointSoon(checkpoint);
  app.addHook('onResponse', async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') soon();
  });
  app.addHook('preClose', async () => {
    clearInterval(timer);
    await checkpoint();
  });
  // The daily account check: accounts unused for the configured days are disabled.
  const inactive = () =>
    disableInactiveAccounts(app.deps, systemClock.now())
      .then((r) => r.disabled.length && app.log.info({ disabled: r.disabled.length }, 'inactive accounts disabled'))
      .catch((err) => app.log.warn({ err }, 'inactive account check failed'));
  const daily = setInterval(inactive, 24 * 3_600_000);
  daily.unref();
  setTimeout(inactive, 60_000).unref();
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { ms: Math.round(performance.now() - t0), db: database.kind },
    `巡察工作平台已启动：http://${config.host}:${config.port}/`,
  );
}

async function main() {
  const [cmd = 'serve', ...args] = process.argv.slice(2);
  const config = loadConfig();
  switch (cmd) {
    case 'serve':
      return serve(config);
    case 'migrate': {
      const d = await open(config);
      await migrateAndSeal(config, d);
      await d.close();
      console.log('数据库迁移完成');
      return;
    }
    case 'seed': {
      const d = await open(config);
      await migrateAndSeal(config, d);
      if (!(await isEmpty(d.db))) console.log('数据库不为空，未写入演示数据');
      else await seedDemo(d.db, systemClock, config, { print: true, keys: loadKeyRing(config.keyFile) });
      await d.close();
      return;
    }
    case 'backup': {
      const file = args[0];
      if (!file) throw new Error('用法：npm run cli -- backup 文件路径');
      const keys = existingKeyRing(config, '备份');
      const d = await open(config);
      let r: Awaited<ReturnType<typeof backupTo>>;
      try {
        r = await backupTo(d, path.resolve(file), keys);
      } finally {
        await d.close();
      }
      console.log(`备份完成：${path.resolve(file)}`, r.tables);
      return;
    }
    case 'restore': {
      const file = args[0];
      if (!file || !fs.existsSync(file)) throw new Error('用法：npm run cli -- restore 备份文件路径（文件须存在）');
      // The key file first: without the backup key nothing can be verified, so nothing is opened.
      const keys = existingKeyRing(config, '恢复');
      const d = await open(config);
      try {
        const r = await restoreFrom(d, path.resolve(file), keys);
        const v = await verifyAuditChain(d.db);
        // The restored chain's head, signed, anchors audit-verify from here on (as a server does).
        if (v.firstBrokenSeq === null) await checkpointAuditHead(d.db, config.dataDir, keys.auditKey);
        console.log(
          '恢复完成',
          r.tables,
          v.firstBrokenSeq === null ? '审计日志哈希链完整' : `审计日志第${v.firstBrokenSeq}条校验失败`,
        );
      } finally {
        await d.close();
      }
      return;
    }
    case 'audit-verify': {
      const d = await open(config);
      const r = await verifyAuditChain(d.db);
      const head = await checkAuditHead(d.db, config.dataDir, loadKeyRing(config.keyFile).auditKey);
      await d.close();
      if (r.firstBrokenSeq !== null) {
        console.error(`审计日志被篡改：第一条校验失败的记录序号为 ${r.firstBrokenSeq}`);
        process.exitCode = 2;
      } else if (head && !head.signed) {
        console.error('审计日志库外检查点的签名无效：检查点文件被改写或密钥文件不匹配');
        process.exitCode = 2;
      } else if (head && !head.ok) {
        console.error(
          `审计日志与库外检查点不一致：检查点记录第 ${head.seq} 条，数据库中该记录缺失或已变化（日志可能被截断）`,
        );
        process.exitCode = 2;
      } else
        console.log(`审计日志完整：共校验 ${r.checked} 条${head ? `，与库外检查点（第 ${head.seq} 条）一致` : ''}`);
      return;
    }
    case 'bootstrap-admin': {
      // DEMO=0: the installation's first accounts, the 三员, with one-time passwords shown once.
      runCryptoSelfTests();
      const d = await open(config);
      await migrateAndSeal(config, d);
      const app = await buildApp({ config, database: d, keys: loadKeyRing(config.keyFile) });
      try {
        const made = await bootstrapAdmins(app.deps, systemClock.now());
        console.log('已创建三员账号（一次性密码仅显示这一次，首次登录须修改密码并绑定身份验证器）：');
        for (const m of made) console.log(`  ${m.username}\t${m.oneTimePassword}\t${m.role}`);
      } finally {
        await app.close();
      }
      return;
    }
    case 'disable-inactive': {
      const d = await open(config);
      await migrateAndSeal(config, d);
      const app = await buildApp({ config, database: d, keys: loadKeyRing(config.keyFile) });
      try {
        const r = await disableInactiveAccounts(app.deps, systemClock.now());
        console.log(r.disabled.length ? `已停用长期未登录账号：${r.disabled.join('、')}` : '没有需要停用的账号');
      } finally {
        await app.close();
      }
      return;
    }
    case 'grant-app-role': {
      // As the owner (MIGRATION_DATABASE_URL, else DATABASE_URL): the API's role may not rewrite the audit log.
      const role = args[0];
      const url = config.migrationDatabaseUrl ?? config.databaseUrl;
      if (!role || !url) throw new Error('用法：DATABASE_URL=…（表的所有者）npm run cli -- grant-app-role 应用角色名');
      const d = await openDatabase({ url, poolMax: 1 });
      try {
        await migrateAndSeal(config, d);
        await grantAppRole(d.db, role);
        console.log(`已授予角色 ${role}：业务表读写；审计日志只能写入和读取，不能修改或删除`);
      } finally {
        await d.close();
      }
      return;
    }
    case 'rotate-keys': {
      // With the servers stopped (PGlite's lock file refuses a second process anyway).
      runCryptoSelfTests();
      const d = await open(config);
      try {
        await migrateAndSeal(config, d);
        const ring = addFieldKey(config.keyFile);
        console.log(`已在 ${config.keyFile} 中启用第 ${ring.current} 版字段加密密钥（旧版本保留，用于读取旧备份）`);
        const r = await reencryptFields(d.db, ring, systemClock);
        for (const x of r) console.log(`  ${x.table}.${x.column}：重新加密 ${x.rewritten} 条`);
        console.log('密钥轮换完成。请备份新的密钥文件，然后启动服务。');
      } finally {
        await d.close();
      }
      return;
    }
    default:
      throw new Error(
        `未知命令：${cmd}。可用：serve | migrate | seed | bootstrap-admin | disable-inactive | grant-app-role ROLE | backup FILE | restore FILE | audit-verify | rotate-keys`,
      );
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
