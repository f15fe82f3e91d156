import fs from 'node:fs';
import path from 'node:path';
import { buildApp } from './app.ts';
import { backupTo, restoreFrom } from './ops/backup.ts';
import { addFieldKey, reencryptFields } from './ops/rotate-keys.ts';
import { checkAuditHead, checkpointAuditHead, verifyAuditChain } from './platform/audit.ts';
import { systemClock } from './platform/clock.ts';
import { type Config, loadConfig } from './platform/config.ts';
import { runCryptoSelfTests } from './platform/crypto.ts';
import { type Database, openDatabase } from './platform/db.ts';
import { loadKeyRing } from './platform/keys.ts';
import { isEmpty, seedDemo } from './seed/seed.ts';

/**
 * CLI entry: serve | migrate | seed | backup FILE | restore FILE | audit-verify | rotate-keys.
 * `npm start` runs `serve`, which migrates and, on an empty database in demo mode, seeds.
 */
async function open(config: Config): Promise<Database> {
  return openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
}

async function serve(config: Config) {
  const t0 = performance.now();
  runCryptoSelfTests();
  const database = await open(config);
  await database.migrate();
  // One key ring for the seed and the server: the demo's receipts and names must open with it.
  const keys = loadKeyRing(config.keyFile);
  if (config.demo && (await isEmpty(database.db)))
    await seedDemo(database.db, systemClock, config, { print: true, keys });
  const app = await buildApp({ config, database, keys });
  const checkpoint = () =>
    checkpointAuditHead(database.db, config.dataDir).catch((err) =>
      app.log.warn({ err }, 'audit head checkpoint failed'),
    );
  const timer = setInterval(checkpoint, 60_000);
  timer.unref();
  app.addHook('preClose', async () => {
    clearInterval(timer);
    await checkpoint();
  });
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
      await d.migrate();
      await d.close();
      console.log('数据库迁移完成');
      return;
    }
    case 'seed': {
      const d = await open(config);
      await d.migrate();
      if (!(await isEmpty(d.db))) console.log('数据库不为空，未写入演示数据');
      else await seedDemo(d.db, systemClock, config, { print: true, keys: loadKeyRing(config.keyFile) });
      await d.close();
      return;
    }
    case 'backup': {
      const file = args[0];
      if (!file) throw new Error('用法：npm run cli -- backup 文件路径');
      const d = await open(config);
      const r = await backupTo(d, path.resolve(file));
      await d.close();
      console.log(`备份完成：${path.resolve(file)}`, r.tables);
      return;
    }
    case 'restore': {
      const file = args[0];
      if (!file || !fs.existsSync(file)) throw new Error('用法：npm run cli -- restore 备份文件路径（文件须存在）');
      const d = await open(config);
      try {
        const r = await restoreFrom(d, path.resolve(file));
        const v = await verifyAuditChain(d.db);
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
      const head = await checkAuditHead(d.db, config.dataDir);
      await d.close();
      if (r.firstBrokenSeq !== null) {
        console.error(`审计日志被篡改：第一条校验失败的记录序号为 ${r.firstBrokenSeq}`);
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
    case 'rotate-keys': {
      // With the servers stopped (PGlite's lock file refuses a second process anyway).
      runCryptoSelfTests();
      const d = await open(config);
      try {
        await d.migrate();
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
        `未知命令：${cmd}。可用：serve | migrate | seed | backup FILE | restore FILE | audit-verify | rotate-keys`,
      );
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
