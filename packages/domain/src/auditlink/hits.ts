import { AUDIT_ROLE_LABELS, type TAuditRole } from './columns.ts';
import { auditRuleOf, INVOICE_SCREEN_LABELS, type TAuditRuleId, type TInvoiceScreen } from './rules.ts';
import { RUN_PHASES, type TRunPhase } from './schemas.ts';
import { formatCents } from './values.ts';

/**
 * What a team does with the hits of a comparison: the words of the working paper or clue drafted
 * from them, and the figures shown while a run works. Pure: the service hands in what it read.
 */

/** Where each phase of a run starts on the progress bar and how much of it the phase takes. */
const PHASE_SPAN: Readonly<Record<TRunPhase, readonly [number, number]>> = {
  loading: [0, 0.1],
  preparing: [0.1, 0.3],
  matching: [0.4, 0.5],
  evidence: [0.9, 0.1],
};

/** A run's progress 0..1 from its phase and the fraction of the phase done (clamped, never backwards within a phase). */
export function runProgress(phase: TRunPhase, fraction: number): number {
  const [start, span] = PHASE_SPAN[phase];
  const f = Number.isNaN(fraction) ? 0 : Math.min(1, Math.max(0, fraction));
  return Math.round((start + span * f) * 1000) / 1000;
}

/** The phases in order, for a steps display. */
export const RUN_PHASE_ORDER: readonly TRunPhase[] = RUN_PHASES;

/**
 * A 身份证号 as it may appear in a draft's text: the region (6 digits) and the last 4 kept, the
 * birth date hidden. The full number stays in the encrypted hit the draft points to; paper facts
 * are not encrypted at rest.
 */
export function maskIdNo(idNo: string): string {
  if (idNo.length < 10) return '*'.repeat(idNo.length);
  return `${idNo.slice(0, 6)}${'*'.repeat(idNo.length - 10)}${idNo.slice(-4)}`;
}

/** One hit as a draft's facts need it: its keys and figures, and the name on its rows if it has one. */
export interface HitForFacts {
  keys: Readonly<Record<string, string>>;
  measures: Readonly<Record<string, string | number>>;
  name?: string | null | undefined;
}

const yuan = (v: string | number | undefined) => (typeof v === 'number' ? `${formatCents(v)}元` : '');
const n = (v: string | number | undefined) => (v === undefined ? '' : String(v));
const monthText = (p: string | undefined) => (p ? `${p.slice(0, 4)}年${Number(p.slice(5, 7))}月` : '');

function person(h: HitForFacts): string {
  const id = h.keys.idNo ? `身份证号${maskIdNo(h.keys.idNo)}` : '';
  return h.name ? `${h.name}（${id}）` : id;
}

/** One sentence per hit, in the rule's own terms. */
export function hitSentence(rule: TAuditRuleId, h: HitForFacts): string {
  const m = h.measures;
  switch (rule) {
    case 'deceasedRecipients':
      return `${person(h)}死亡日期为${n(m.deathDate)}，此后仍被发放${n(m.count)}笔、共${yuan(m.amountCents)}（${n(m.firstPayDate)}至${n(m.lastPayDate)}）`;
    case 'publicServantRecipients':
      return `${person(h)}为${n(m.employer) || '财政供养单位'}在册人员，同时领取需核查家庭经济状况的补贴${n(m.count)}笔、共${yuan(m.amountCents)}`;
    case 'vehicleOwnerRecipients':
      return `${person(h)}名下登记车辆${n(m.vehicles)}辆，同时领取需核查家庭经济状况的补贴${n(m.count)}笔、共${yuan(m.amountCents)}`;
    case 'duplicatePayments':
      return `${person(h)}在${monthText(h.keys.period)}“${n(h.keys.project)}”项目中被重复发放${n(m.count)}笔、共${yuan(m.amountCents)}`;
    case 'consumablesBilledNotIssued':
      return `${monthText(h.keys.month)}“${n(h.keys.item)}${h.keys.spec ? `（${h.keys.spec}）` : ''}”向患者收费${n(m.billed)}，库房出库${n(m.issued)}，收费多于出库${n(m.excess)}`;
    case 'invoiceScreens': {
      const screen = INVOICE_SCREEN_LABELS[h.keys.screen as TInvoiceScreen] ?? n(h.keys.screen);
      const when = m.invoiceDate ? `，开票日期${n(m.invoiceDate)}${m.dayKind ? `（${n(m.dayKind)}）` : ''}` : '';
      return `${screen}：销售方“${n(h.keys.supplier)}”发票${n(h.keys.invoiceNo)}，${n(m.count)}张、共${yuan(m.amountCents)}${when}`;
    }
  }
}

/** Longest facts text a draft takes (fieldwork's limit on long texts). */
const MAX_FACTS = 20_000;

/**
 * The facts of a draft made from hits: which comparison found them (rule, its version, the tables
 * compared with their SM3), then one numbered line per hit. Cut short with a note when it would
 * exceed what a draft holds; the hits themselves stay listed in the comparison.
 */
export function hitsFacts(
  rule: TAuditRuleId,
  hits: readonly HitForFacts[],
  run: { templateVersion: number; sources: readonly string[]; runId: string },
): string {
  const def = auditRuleOf(rule);
  const head = `经巡审贯通数据比对（规则“${def.name}”第${run.templateVersion}版，比对编号${run.runId}；比对数据：${run.sources.join('；')}），发现以下${hits.length}条疑点：`;
  const lines: string[] = [head];
  let length = head.length;
  for (const [i, h] of hits.entries()) {
    const line = `${i + 1}. ${hitSentence(rule, h)}。`;
    const rest = `（另有${hits.length - i}条疑点未列出，详见比对结果。）`;
    if (length + line.length + 1 + rest.length > MAX_FACTS) {
      lines.push(rest);
      break;
    }
    lines.push(line);
    length += line.length + 1;
  }
  return lines.join('\n');
}

/** A draft's default title: the rule's name and how many hits (persons, items or invoices) it covers. */
export function hitsTitle(rule: TAuditRuleId, count: number): string {
  const unit =
    rule === 'consumablesBilledNotIssued'
      ? '项'
      : rule === 'invoiceScreens'
        ? '条'
        : rule === 'duplicatePayments'
          ? '笔'
          : '人';
  return `${auditRuleOf(rule).name}（巡审贯通比对发现${count}${unit}）`;
}

/** Row numbers as a reader scans them: 3、4、7—12. */
export function rowRanges(rows: readonly number[]): string {
  const sorted = [...new Set(rows)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) === (sorted[j] as number) + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}—${sorted[j]}` : sorted.slice(i, j + 1).join('、'));
    i = j + 1;
  }
  return parts.join('、');
}

/**
 * The evidence list of a draft: per role and table, the rows of the file behind the hits, e.g.
 * 资金发放表《2024年城乡低保发放明细.csv》第3、4、7—12行. Labels stay within `maxLabel` characters
 * (the rows cut with 等); at most `maxItems` entries.
 */
export function evidenceLabels(
  hits: readonly { evidence: Partial<Record<TAuditRole, readonly { datasetId: string; row: number }[]>> }[],
  fileNames: ReadonlyMap<string, string>,
  opts: { maxLabel?: number; maxItems?: number } = {},
): string[] {
  const maxLabel = opts.maxLabel ?? 200;
  const rows = new Map<string, { role: TAuditRole; datasetId: string; rows: number[] }>();
  for (const h of hits)
    for (const [role, refs] of Object.entries(h.evidence) as [TAuditRole, { datasetId: string; row: number }[]][])
      for (const r of refs ?? []) {
        const k = `${role}|${r.datasetId}`;
        const e = rows.get(k) ?? { role, datasetId: r.datasetId, rows: [] };
        e.rows.push(r.row);
        rows.set(k, e);
      }
  const out: string[] = [];
  for (const e of rows.values()) {
    const head = `${AUDIT_ROLE_LABELS[e.role]}《${fileNames.get(e.datasetId) ?? e.datasetId}》第`;
    const parts = rowRanges(e.rows).split('、');
    let list = parts.join('、');
    while (parts.length > 1 && head.length + list.length + 1 > maxLabel) {
      parts.pop();
      list = `${parts.join('、')}等`;
    }
    out.push(`${head}${list}行`);
  }
  return out.slice(0, opts.maxItems ?? 100);
}
