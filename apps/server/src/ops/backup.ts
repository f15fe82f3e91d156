import fs from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../db/schema/index.ts';
import { cryptoProvider } from '../platform/crypto.ts';
import type { Database } from '../platform/db.ts';
import { rowsOf } from '../platform/db.ts';

/**
 * A logical backup that works the same for PGlite and PostgreSQL (and between them): gzip of JSON
 * lines — a header, each table's rows, and a trailer with the SM3 of everything before it, so a
 * damaged or altered file is refused before anything is written.
 */
const FORMAT = 'xuncha-backup';

/** Tables in an order where every foreign key points to an earlier table. */
const TABLES: PgTable[] = [
  schema.authorities,
  schema.organizations,
  schema.orgLeaders,
  schema.orgEvents,
  schema.users,
  schema.grants,
  schema.settings,
  schema.terms,
  schema.rounds,
  schema.teams,
  schema.inspections,
  schema.inspectionTargets,
  schema.inspectionEvents,
  schema.calendarEntries,
  schema.deadlineSettings,
  schema.inspectors,
  schema.inspectorPools,
  schema.inspectorHistory,
  schema.inspectorRelatives,
  schema.inspectorWorkRelations,
  schema.teamMembers,
  schema.recusalDeclarations,
  schema.authorizations,
  schema.trainings,
  schema.trainingAttendances,
  schema.secondments,
  schema.appraisals,
  schema.awards,
  schema.personnelSettings,
  schema.publicCodes,
  schema.announcements,
  schema.petitions,
  schema.petitionMessages,
  schema.petitionFiles,
  schema.petitionEvents,
  schema.surveys,
  schema.surveyBatches,
  schema.surveyAnswers,
  schema.auditLog,
];
/** Self-references: rows are ordered so a referenced row comes first. */
const SELF_REFS: Record<string, string[]> = {
  authorities: ['parent_authority_id'],
  organizations: ['parent_id', 'merged_into_id'],
  inspections: ['look_back_of_id'],
};

export async function backupTo(database: Database, file: string): Promise<{ tables: Record<string, number> }> {
  const lines: string[] = [];
  const counts: Record<string, number> = {};
  lines.push(
    JSON.stringify({ format: FORMAT, version: 1, createdAt: new Date().toISOString(), source: database.kind }),
  );
  for (const t of TABLES) {
    const name = getTableConfig(t).name;
    const rows = rowsOf<Record<string, unknown>>(
      await database.db.execute(sql.raw(`select row_to_json(t) as r from "${name}" t`)),
    );
    counts[name] = rows.length;
    lines.push(JSON.stringify({ table: name, rows: rows.map((x) => x.r) }));
  }
  const body = lines.join('\n');
  const trailer = JSON.stringify({ sm3: cryptoProvider.sm3(body), tables: counts });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, gzipSync(`${body}\n${trailer}\n`), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return { tables: counts };
}

export function readBackup(file: string): { table: string; rows: Record<string, unknown>[] }[] {
  let text: string;
  try {
    text = gunzipSync(fs.readFileSync(file)).toString('utf8');
  } catch {
    throw new Error('备份文件已损坏或不是本系统的备份文件（无法解压）');
  }
  const parts = text.replace(/\n$/, '').split('\n');
  const trailerLine = parts.pop();
  let trailer: { sm3?: string };
  try {
    trailer = JSON.parse(trailerLine ?? '');
  } catch {
    throw new Error('备份文件不完整（缺少校验信息）');
  }
  const body = parts.join('\n');
  if (!trailer.sm3 || cryptoProvider.sm3(body) !== trailer.sm3)
    throw new Error('备份文件校验失败：内容已被改动或损坏，拒绝恢复');
  const header = JSON.parse(parts[0] ?? '{}');
  if (header.format !== FORMAT || header.version !== 1) throw new Error('不是本系统的备份文件');
  return parts.slice(1).map((l) => JSON.parse(l));
}

function orderSelfRef(rows: Record<string, unknown>[], cols: string[]): Record<string, unknown>[] {
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  const done = new Set<string>();
  const out: Record<string, unknown>[] = [];
  const visit = (r: Record<string, unknown>, depth: number) => {
    const id = r.id as string;
    if (done.has(id) || depth > 100) return;
    for (const c of cols) {
      const ref = r[c] as string | null;
      const p = ref ? byId.get(ref) : undefined;
      if (p && p !== r) visit(p, depth + 1);
    }
    if (!done.has(id)) {
      done.add(id);
      out.push(r);
    }
  };
  for (const r of rows) visit(r, 0);
  return out;
}

/** Restore into an empty, migrated database. A non-empty target is refused. */
export async function restoreFrom(database: Database, file: string): Promise<{ tables: Record<string, number> }> {
  const data = readBackup(file);
  await database.migrate();
  const check = rowsOf<{ n: number }>(
    await database.db.execute(
      sql`select (select count(*) from users)::int + (select count(*) from authorities)::int + (select count(*) from audit_log)::int as n`,
    ),
  );
  if (Number(check[0]?.n ?? 0) > 0) throw new Error('目标数据库不为空：请恢复到新的数据目录或空数据库');
  const counts: Record<string, number> = {};
  await database.db.transaction(async (tx) => {
    for (const t of TABLES) {
      const name = getTableConfig(t).name;
      const part = data.find((d) => d.table === name);
      let rows = part?.rows ?? [];
      if (SELF_REFS[name]) rows = orderSelfRef(rows, SELF_REFS[name] as string[]);
      for (let i = 0; i < rows.length; i += 2000) {
        const chunk = JSON.stringify(rows.slice(i, i + 2000));
        await tx.execute(
          sql.raw(
            `insert into "${name}" select * from json_populate_recordset(null::"${name}", '${chunk.replaceAll("'", "''")}'::json)`,
          ),
        );
      }
      counts[name] = rows.length;
    }
  });
  return { tables: counts };
}
