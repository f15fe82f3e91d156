import {
  EVALUATION_RATER_LABELS,
  EVALUATION_RATERS,
  type TEvaluationGrade,
  type TEvaluationRater,
  type TScorecard,
  type TScorecardItem,
} from './schemas.ts';

/**
 * 整改评估 (domain.md §4 evaluated): each rater deducts from 100 over the scorecard's items, the
 * satisfaction item is deducted from the public survey, and the weighted score gives the grade.
 * Points are counted in integer tenths (deductions have at most one decimal) and the final score
 * in hundredths, so a score at a grade's threshold lands in that grade exactly.
 */

/** Points → integer tenths; NaN when the value has more than one decimal. */
function tenths(points: number): number {
  const t = Math.round(points * 10);
  return Math.abs(points * 10 - t) < 1e-9 ? t : Number.NaN;
}

/** Half-up rounding of a non-negative integer quotient. */
const divRound = (a: number, b: number) => Math.floor((2 * a + b) / (2 * b));

/**
 * The satisfaction item's deduction in points for a satisfaction rate (0..1): none at or above
 * `fullMarksFrom` percent, `perPoint` for each percentage point below it, capped at the item's
 * maximum. The rate is taken to a millionth, which a survey of fewer than a million answers never
 * rounds away.
 */
export function satisfactionDeduction(item: Readonly<TScorecardItem>, rate: number): number {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`满意率应在0到1之间：${rate}`);
  const ppm = Math.round(rate * 1_000_000);
  const fullPpm = tenths(item.fullMarksFrom ?? 0) * 1000;
  const belowPpm = Math.max(0, fullPpm - ppm);
  // belowPpm / 10,000 percentage points × perPoint points, in tenths.
  const t = divRound(belowPpm * tenths(item.perPoint ?? 0), 10_000);
  return Math.min(t, tenths(item.maxDeduction)) / 10;
}

/** The grade of a score: at or above a threshold is that grade; below `average` is 差. */
export function evaluationGrade(score: number, thresholds: TScorecard['thresholds']): TEvaluationGrade {
  const s = Math.round(score * 100);
  if (s >= Math.round(thresholds.good * 100)) return 'good';
  if (s >= Math.round(thresholds.fairlyGood * 100)) return 'fairlyGood';
  if (s >= Math.round(thresholds.average * 100)) return 'average';
  return 'poor';
}

export type TRaterDeductions = Partial<Record<TEvaluationRater, Readonly<Record<string, number>>>>;

/** Chinese problems that keep the evaluation from being scored (empty when it can be). */
export function evaluationProblems(
  scorecard: Readonly<TScorecard>,
  deductions: Readonly<TRaterDeductions>,
  satisfactionRate: number | null,
): string[] {
  const out: string[] = [];
  const items = new Map(scorecard.items.map((i) => [i.key, i]));
  for (const rater of EVALUATION_RATERS) {
    const label = EVALUATION_RATER_LABELS[rater];
    const given = Object.hasOwn(deductions, rater) ? deductions[rater] : undefined;
    const weight = scorecard.weights[rater];
    if (weight > 0 && !given) out.push(`尚缺${label}的评分`);
    if (weight === 0 && given) out.push(`${label}的权重为0，不参与评分`);
    if (!given) continue;
    for (const [key, value] of Object.entries(given)) {
      const item = items.get(key);
      if (!item) out.push(`评分表中没有编码为“${key}”的评分项`);
      else if (item.source === 'satisfaction') out.push(`“${item.name}”按群众满意度测评结果扣分，不能手工扣分`);
      else if (!(value >= 0) || Number.isNaN(tenths(value)))
        out.push(`${label}对“${item.name}”的扣分应为非负数，最多一位小数`);
      else if (tenths(value) > tenths(item.maxDeduction))
        out.push(`${label}对“${item.name}”的扣分不能超过${item.maxDeduction}分`);
    }
  }
  if (scorecard.items.some((i) => i.source === 'satisfaction')) {
    if (satisfactionRate === null) out.push('尚无有效的群众满意度测评结果');
    else if (!(satisfactionRate >= 0 && satisfactionRate <= 1)) out.push('群众满意率应在0到100%之间');
  }
  return out;
}

export interface TEvaluationScore {
  /** 0..100 with at most two decimals. */
  score: number;
  grade: TEvaluationGrade;
  /** Each weighted rater's total deduction and score (satisfaction deduction included). */
  byRater: { rater: TEvaluationRater; weight: number; deducted: number; score: number }[];
  /** Points deducted for public satisfaction, null when the scorecard has no satisfaction item. */
  satisfactionDeduction: number | null;
  vetoed: boolean;
}

/**
 * Scores an evaluation. Each rater weighted above 0 scores 100 minus its deductions minus the
 * satisfaction deduction; the score is the weighted mean (weights add up to 100) to two decimals.
 * A veto (一票否决, e.g. 虚假整改) makes the grade 差 and leaves the score as it is. Throws when
 * evaluationProblems finds any: the server validates first and answers 400 with them.
 */
export function scoreEvaluation(
  scorecard: Readonly<TScorecard>,
  deductions: Readonly<TRaterDeductions>,
  satisfactionRate: number | null,
  veto: string | null = null,
): TEvaluationScore {
  const problems = evaluationProblems(scorecard, deductions, satisfactionRate);
  if (problems.length) throw new RangeError(problems.join('；'));
  const satItem = scorecard.items.find((i) => i.source === 'satisfaction');
  const sat = satItem && satisfactionRate !== null ? satisfactionDeduction(satItem, satisfactionRate) : null;
  const satTenths = sat === null ? 0 : tenths(sat);
  const byRater: TEvaluationScore['byRater'] = [];
  let weighted = 0;
  let weights = 0;
  for (const rater of EVALUATION_RATERS) {
    const weight = scorecard.weights[rater];
    if (weight === 0) continue;
    const given = deductions[rater] ?? {};
    const d = Object.values(given).reduce((n, v) => n + tenths(v), 0) + satTenths;
    const score = Math.max(0, 1000 - d);
    byRater.push({ rater, weight, deducted: d / 10, score: score / 10 });
    weighted += weight * score;
    weights += weight;
  }
  // weighted / weights is in tenths; ×10 for hundredths.
  const hundredths = weights === 0 ? 0 : divRound(weighted * 10, weights);
  const score = hundredths / 100;
  return {
    score,
    grade: veto ? 'poor' : evaluationGrade(score, scorecard.thresholds),
    byRater,
    satisfactionDeduction: sat,
    vetoed: !!veto,
  };
}
