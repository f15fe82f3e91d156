import {
  EVALUATION_GRADE_LABELS,
  PUBLICATION_VERSION_LABELS,
  type TEvaluationGrade,
  type TPublicationVersion,
  type TWithholdReason,
  WITHHOLD_REASONS,
} from './schemas.ts';

/**
 * 双公开 (domain.md §5 Publication): the 党内通报 version matches the approved report; items of the
 * 社会公开 version may be withheld only for one of the five reasons; an organization whose
 * rectification is judged poor is published in a later batch (延后公示) with the reason recorded.
 */

export interface TPublicationCheckItem {
  text: string;
  withheld: boolean;
  withholdReason: TWithholdReason | null;
}

export interface TPublicationCheckEntry {
  inspectionId?: string;
  orgId: string;
  orgName: string;
  grade: TEvaluationGrade | null;
  deferred: boolean;
  deferReason: string | null;
  items: readonly TPublicationCheckItem[];
}

export interface TPublicationCheckBatch {
  number: number;
  edition: TPublicationVersion;
  entries: readonly TPublicationCheckEntry[];
}

const DEFAULT_DEFER_GRADES: readonly TEvaluationGrade[] = ['poor'];

const isReason = (r: unknown): r is TWithholdReason => (WITHHOLD_REASONS as readonly unknown[]).includes(r);

/**
 * Chinese problems that keep one edition of a batch from being approved or published (empty when
 * none). `deferGrades` is ZRectificationSettings.deferGrades.
 */
export function publicationProblems(
  batch: Readonly<TPublicationCheckBatch>,
  deferGrades: readonly TEvaluationGrade[] = DEFAULT_DEFER_GRADES,
): string[] {
  const out: string[] = [];
  if (!Number.isInteger(batch.number) || batch.number < 1) out.push('批次应为正整数');
  if (batch.entries.length === 0) out.push('本批次没有被巡察党组织');
  const seen = new Set<string>();
  for (const e of batch.entries) {
    const key = `${e.inspectionId ?? ''}|${e.orgId}`;
    if (seen.has(key)) out.push(`${e.orgName}在本批次中重复`);
    seen.add(key);
    if (e.deferred) {
      if (!e.deferReason?.trim()) out.push(`${e.orgName}延后公示须写明原因`);
      continue;
    }
    if (e.grade === null) out.push(`${e.orgName}尚未完成整改评估，不能公开`);
    else if (deferGrades.includes(e.grade))
      out.push(`${e.orgName}整改评估等次为“${EVALUATION_GRADE_LABELS[e.grade]}”，应延后公示`);
    e.items.forEach((item, i) => {
      const which = `${e.orgName}的第${i + 1}项`;
      if (item.withheld && batch.edition === 'internal')
        out.push(`${PUBLICATION_VERSION_LABELS.internal}须与审定的巡察报告一致，${which}不能隐去`);
      else if (item.withheld && !isReason(item.withholdReason)) out.push(`${which}不予公开，须选择法定的不予公开情形`);
      else if (!item.withheld && item.withholdReason !== null) out.push(`${which}已公开，不应填写不予公开的理由`);
    });
  }
  return out;
}

/**
 * Splits the candidates of a batch: published, and deferred with the reason recorded — a reason
 * the office already gave (`deferReason`), else the grade's (a grade in `deferGrades`), else the
 * missing evaluation. Order within each part is kept.
 */
export function partitionBatch<T extends { grade: TEvaluationGrade | null; deferReason?: string | null }>(
  candidates: readonly T[],
  deferGrades: readonly TEvaluationGrade[] = DEFAULT_DEFER_GRADES,
): { published: T[]; deferred: (T & { deferReason: string })[] } {
  const published: T[] = [];
  const deferred: (T & { deferReason: string })[] = [];
  for (const c of candidates) {
    const reason = c.deferReason?.trim()
      ? c.deferReason.trim()
      : c.grade === null
        ? '尚未完成整改评估，延后公示'
        : deferGrades.includes(c.grade)
          ? `整改评估等次为“${EVALUATION_GRADE_LABELS[c.grade]}”，整改成效不明显，延后公示`
          : null;
    if (reason) deferred.push({ ...c, deferReason: reason });
    else published.push(c);
  }
  return { published, deferred };
}
