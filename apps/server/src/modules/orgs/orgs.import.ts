import {
  AppError,
  creditCodeValid,
  ErrorCode,
  ORG_IMPORT_COLUMNS,
  ORG_KINDS,
  SECTORS,
  searchKey,
  type TImportRowError,
  ZOrgCreate,
} from '@xc/domain';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { authorities, organizations, orgEvents } from '../../db/schema/orgs.ts';
import { inScope, notFound, scopeFor } from '../../platform/access.ts';
import { auditAction } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { importColumns, readXlsx, refuseInvalidImport, skippedImportRow } from '../../platform/spreadsheets.ts';

export const MAX_IMPORT_ROWS = 20_000;
const INSERT_BATCH = 1_000;

/** The template: a data sheet whose first row is the header, and a sheet explaining each column. */
export async function importTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '巡察工作平台';
  const ws = wb.addWorksheet('单位');
  ws.addRow([...ORG_IMPORT_COLUMNS]).font = { bold: true };
  ws.addRow(['示例：某某镇人民政府（导入前请删除本行）', '乡镇(街道)', '乡镇街道', '', '', '2001-01-01']);
  ORG_IMPORT_COLUMNS.forEach((_, i) => {
    ws.getColumn(i + 1).width = i === 0 || i === 3 ? 36 : 20;
  });
  const help = wb.addWorksheet('说明');
  help.addRow(['列', '可选值 / 要求']).font = { bold: true };
  const lines: [string, string][] = [
    ['单位名称', '必填，不超过80个字'],
    ['单位类别', `必填，可选：${ORG_KINDS.join('、')}`],
    ['系统/领域', `选填，可选：${SECTORS.join('、')}`],
    ['上级单位', '选填，填写本机构已有单位或本文件中其他行的单位名称，或其统一社会信用代码'],
    ['统一社会信用代码', '选填，18位，须通过校验位检查，不得与存续单位重复'],
    ['成立日期', '选填，格式 YYYY-MM-DD'],
  ];
  for (const l of lines) help.addRow(l);
  // Plain lists for the drop-downs of the 单位类别 and 系统/领域 columns.
  const lists = wb.addWorksheet('选项', { state: 'veryHidden' });
  ORG_KINDS.forEach((k, i) => {
    lists.getCell(i + 1, 1).value = k;
  });
  SECTORS.forEach((k, i) => {
    lists.getCell(i + 1, 2).value = k;
  });
  for (let r = 2; r <= 2001; r++) {
    ws.getCell(r, 2).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`选项!$A$1:$A$${ORG_KINDS.length}`],
    };
    ws.getCell(r, 3).dataValidation = { type: 'list', allowBlank: true, formulae: [`选项!$B$1:$B$${SECTORS.length}`] };
  }
  help.getColumn(1).width = 18;
  help.getColumn(2).width = 100;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface ParsedRow {
  row: number;
  id: string;
  name: string;
  kind: string;
  sector: string | null;
  parentRef: string;
  creditCode: string | null;
  establishedOn: string | null;
  parentId: string | null;
  depth: number;
}

/**
 * Validate every row first and report every problem; only a file without a single error is
 * written, in one transaction, so an import is all or nothing.
 */
export async function importOrgs(deps: AppDeps, ctx: RequestCtx, authorityId: string, file: Buffer) {
  const { db, clock } = deps;
  const scope = scopeFor(ctx.actor, 'org:import');
  const authority = (await db.select().from(authorities).where(eq(authorities.id, authorityId)))[0];
  if (!authority || !inScope(scope, authorityId)) throw notFound('巡察机构');
  const now = clock.now();
  const today = shanghaiDate(now);
  const wb = await readXlsx(file);
  const sheet = importColumns(wb.worksheets.find((w) => w.state === 'visible') ?? wb.worksheets[0], ORG_IMPORT_COLUMNS);

  const errors: TImportRowError[] = [];
  const rows: ParsedRow[] = [];
  const err = (row: number, column: string, message: string) => {
    if (errors.length < 5_000) errors.push({ row, column, message });
  };
  if (sheet.lastRow - 1 > MAX_IMPORT_ROWS)
    throw new AppError(ErrorCode.Unprocessable, `一次最多导入${MAX_IMPORT_ROWS}行`);
  for (let r = 2; r <= sheet.lastRow; r++) {
    const raw = sheet.cells(r);
    if (skippedImportRow(raw)) continue;
    const parsed = ZOrgCreate.safeParse({
      authorityId,
      name: raw[0],
      kind: raw[1],
      sector: raw[2] || null,
      creditCode: raw[4] || null,
      establishedOn: raw[5] || null,
    });
    if (!parsed.success) {
      for (const i of parsed.error.issues) err(r, columnOf(String(i.path[0] ?? '')), i.message);
      continue;
    }
    const v = parsed.data;
    if (v.creditCode && !creditCodeValid(v.creditCode)) err(r, '统一社会信用代码', '统一社会信用代码校验位不正确');
    if (v.establishedOn && v.establishedOn > today) err(r, '成立日期', '成立日期不能晚于今天');
    rows.push({
      row: r,
      id: uuidv7(now.getTime()),
      name: v.name,
      kind: v.kind,
      sector: v.sector ?? null,
      parentRef: (raw[3] ?? '').normalize('NFC'),
      creditCode: v.creditCode ?? null,
      establishedOn: v.establishedOn ?? null,
      parentId: null,
      depth: 0,
    });
  }
  // No row left to look up parents and duplicates for: refused here.
  if (!rows.length) refuseInvalidImport(errors, 0);

  // Names and codes already in the registry of this authority, for parent look-up and duplicates.
  const existing = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      parentId: organizations.parentId,
      creditCode: organizations.creditCode,
    })
    .from(organizations)
    .where(and(eq(organizations.authorityId, authorityId), eq(organizations.status, 'active')));
  const activeCodes = new Set(
    (await db.select({ c: organizations.creditCode }).from(organizations).where(eq(organizations.status, 'active')))
      .map((x) => x.c)
      .filter(Boolean),
  );
  const byName = new Map<string, string[]>();
  const byCode = new Map<string, string>();
  for (const e of existing) {
    byName.set(e.name, [...(byName.get(e.name) ?? []), e.id]);
    if (e.creditCode) byCode.set(e.creditCode, e.id);
  }
  const fileByName = new Map<string, ParsedRow[]>();
  const fileByCode = new Map<string, ParsedRow>();
  for (const p of rows) {
    fileByName.set(p.name, [...(fileByName.get(p.name) ?? []), p]);
    if (p.creditCode) {
      const first = fileByCode.get(p.creditCode);
      if (first) err(p.row, '统一社会信用代码', `与第${first.row}行的统一社会信用代码重复`);
      else fileByCode.set(p.creditCode, p);
      if (activeCodes.has(p.creditCode)) err(p.row, '统一社会信用代码', '该统一社会信用代码已被存续单位使用');
    }
  }
  const fileParent = new Map<ParsedRow, ParsedRow>();
  for (const p of rows) {
    if (!p.parentRef) continue;
    const ref = p.parentRef.toUpperCase();
    const inFile = fileByCode.get(ref) ? [fileByCode.get(ref) as ParsedRow] : (fileByName.get(p.parentRef) ?? []);
    const inDb = byCode.get(ref) ? [byCode.get(ref) as string] : (byName.get(p.parentRef) ?? []);
    if (inFile.length + inDb.length === 0) err(p.row, '上级单位', `找不到上级单位“${p.parentRef}”`);
    else if (inFile.length + inDb.length > 1)
      err(p.row, '上级单位', `上级单位“${p.parentRef}”有重名，请改填其统一社会信用代码`);
    else if (inFile[0] === p) err(p.row, '上级单位', '上级单位不能是本单位');
    else if (inFile[0]) fileParent.set(p, inFile[0]);
    else p.parentId = inDb[0] as string;
  }
  // Depth orders inserts so every parent exists before its children; a loop inside the file is an error.
  for (const p of rows) {
    let cur: ParsedRow | undefined = p;
    let depth = 0;
    const seen = new Set<ParsedRow>();
    while (cur && fileParent.has(cur)) {
      if (seen.has(cur)) {
        err(p.row, '上级单位', '上级单位关系形成了循环');
        break;
      }
      seen.add(cur);
      cur = fileParent.get(cur);
      depth++;
    }
    p.depth = depth;
    const fp = fileParent.get(p);
    if (fp) p.parentId = fp.id;
  }
  // The same name twice under the same parent is almost always a duplicate row.
  const seenKey = new Map<string, number>();
  const existingKey = new Set(existing.map((e) => `${e.parentId ?? ''}|${e.name}`));
  for (const p of rows) {
    const k = `${p.parentId ?? ''}|${p.name}`;
    if (existingKey.has(k)) err(p.row, '单位名称', '同一上级单位下已存在同名单位');
    else if (seenKey.has(k)) err(p.row, '单位名称', `与第${seenKey.get(k)}行重复（同一上级单位下同名）`);
    else seenKey.set(k, p.row);
  }
  refuseInvalidImport(errors, rows.length);

  rows.sort((a, b) => a.depth - b.depth);
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += INSERT_BATCH) {
      const batch = rows.slice(i, i + INSERT_BATCH);
      await tx.insert(organizations).values(
        batch.map((p) => ({
          id: p.id,
          authorityId,
          parentId: p.parentId,
          name: p.name,
          searchKey: searchKey(p.name),
          kind: p.kind,
          sector: p.sector,
          creditCode: p.creditCode,
          establishedOn: p.establishedOn,
          createdAt: now,
          updatedAt: now,
        })),
      );
      await tx.insert(orgEvents).values(
        batch.map((p) => ({
          id: uuidv7(now.getTime()),
          orgId: p.id,
          kind: 'imported',
          onDate: p.establishedOn,
          detail: `批量导入（第${p.row}行）`,
          actorName: ctx.actor.displayName,
          createdAt: now,
        })),
      );
    }
    await auditAction(tx, now, ctx, 'org.import', { type: 'authority', id: authorityId }, { rows: rows.length });
  });
  return { imported: rows.length, authorityId };
}

function columnOf(field: string): string {
  return (
    (
      {
        name: '单位名称',
        kind: '单位类别',
        sector: '系统/领域',
        creditCode: '统一社会信用代码',
        establishedOn: '成立日期',
      } as Record<string, string>
    )[field] ?? field
  );
}
