import {
  AppError,
  ErrorCode,
  EXPERTISE,
  GENDER_LABELS,
  INSPECTOR_IMPORT_COLUMNS,
  POOL_LABELS,
  type TImportRowError,
  type TPool,
  ZInspectorCreate,
} from '@xc/domain';
import ExcelJS from 'exceljs';
import { inScope, notFound, scopeFor } from '../../platform/access.ts';
import { auditAction } from '../../platform/audit.ts';
import { shanghaiDate } from '../../platform/clock.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { importColumns, readXlsx, refuseInvalidImport, skippedImportRow } from '../../platform/spreadsheets.ts';
import { authorityById } from '../orgs/index.ts';
import { insertInspector } from './personnel.inspectors.ts';

const SPLIT = /[、,，;；\s]+/u;

export async function inspectorImportTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('巡察干部');
  ws.addRow([...INSPECTOR_IMPORT_COLUMNS]).font = { bold: true };
  ws.addRow([
    '示例：张三（导入前请删除本行）',
    '男',
    1982,
    '赣州市审计局',
    '经济责任审计科科长',
    '一级主任科员',
    '中共党员',
    '审计、财务',
    '巡察人才库',
    '2024-01-01',
  ]);
  INSPECTOR_IMPORT_COLUMNS.forEach((_, i) => {
    ws.getColumn(i + 1).width = [14, 6, 10, 28, 24, 16, 12, 20, 20, 12][i] as number;
  });
  const help = wb.addWorksheet('说明');
  help.addRow(['列', '要求']).font = { bold: true };
  for (const l of [
    ['姓名', '必填'],
    ['性别', '男 或 女'],
    ['出生年份', '选填，四位年份'],
    ['工作单位', '必填：现工作单位全称'],
    ['专业领域', `选填，多个用顿号分隔；可选：${EXPERTISE.join('、')}`],
    ['人员库', `必填，多个用顿号分隔；可选：${Object.values(POOL_LABELS).join('、')}`],
    ['入库日期', '必填，格式 YYYY-MM-DD'],
  ])
    help.addRow(l);
  help.getColumn(1).width = 14;
  help.getColumn(2).width = 100;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Every row is checked first; one bad row and nothing is written (as the registry import does). */
export async function importInspectors(deps: AppDeps, ctx: RequestCtx, authorityId: string, file: Buffer) {
  const { db, clock } = deps;
  const scope = scopeFor(ctx.actor, 'personnel:write');
  const authority = await authorityById(db, authorityId);
  if (!authority || !inScope(scope, authorityId)) throw notFound('巡察机构');
  const sheet = importColumns((await readXlsx(file)).worksheets[0], INSPECTOR_IMPORT_COLUMNS);
  if (sheet.lastRow > 5_001) throw new AppError(ErrorCode.Unprocessable, '一次最多导入5000人');
  const now = clock.now();
  const today = shanghaiDate(now);
  const poolByLabel = new Map(Object.entries(POOL_LABELS).map(([k, v]) => [v, k as TPool]));
  const genderByLabel = new Map(Object.entries(GENDER_LABELS).map(([k, v]) => [v, k]));
  const errors: TImportRowError[] = [];
  const rows: { row: number; value: ReturnType<typeof ZInspectorCreate.parse> }[] = [];
  const seen = new Map<string, number>();
  for (let r = 2; r <= sheet.lastRow; r++) {
    const raw = sheet.cells(r);
    if (skippedImportRow(raw)) continue;
    const err = (column: string, message: string) => errors.push({ row: r, column, message });
    const poolNames = (raw[8] ?? '').split(SPLIT).filter(Boolean);
    const badPools = poolNames.filter((p) => !poolByLabel.has(p));
    if (!poolNames.length) err('人员库', '请填写人员库');
    for (const p of badPools) err('人员库', `人员库“${p}”不在可选范围内`);
    const since = raw[9] || today;
    const parsed = ZInspectorCreate.safeParse({
      authorityId,
      name: raw[0],
      gender: genderByLabel.get(raw[1] ?? '') ?? raw[1],
      birthYear: raw[2] ? Number(raw[2]) : null,
      homeUnitName: raw[3],
      post: raw[4] ?? '',
      rank: raw[5] ?? '',
      politicalStatus: raw[6] || '中共党员',
      expertise: (raw[7] ?? '').split(SPLIT).filter(Boolean),
      pools: badPools.length ? [] : poolNames.map((p) => ({ pool: poolByLabel.get(p), status: 'in', since })),
      history: raw[3] ? [{ unitName: raw[3], post: raw[4] || '—', from: since }] : [],
    });
    if (!parsed.success) {
      for (const i of parsed.error.issues) err(columnOf(String(i.path[0] ?? '')), i.message);
      continue;
    }
    const key = `${parsed.data.name}|${parsed.data.homeUnitName}`;
    if (seen.has(key)) err('姓名', `与第${seen.get(key)}行重复（同名且同单位）`);
    else seen.set(key, r);
    rows.push({ row: r, value: parsed.data });
  }
  refuseInvalidImport(errors, rows.length);
  await db.transaction(async (tx) => {
    for (const { value } of rows) await insertInspector(tx, value, now);
    await auditAction(tx, now, ctx, 'inspector.import', { type: 'authority', id: authorityId }, { rows: rows.length });
  });
  return { imported: rows.length, authorityId };
}

function columnOf(field: string): string {
  return (
    (
      {
        name: '姓名',
        gender: '性别',
        birthYear: '出生年份',
        homeUnitName: '工作单位',
        post: '职务',
        rank: '职级',
        politicalStatus: '政治面貌',
        expertise: '专业领域',
        pools: '人员库',
        history: '入库日期',
      } as Record<string, string>
    )[field] ?? field
  );
}
