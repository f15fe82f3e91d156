import { parseAmount } from '@xc/domain/auditlink/values';
import { lit, namesAgree, periodOr, type RuleTemplate, rowsList, sumAmounts } from './common.ts';

/**
 * 死亡人员仍领取补贴. A payment is a hit when
 *   - it was paid more than `graceDays` days after the death: payDate > deathDate + graceDays. With
 *     the default 0 a payment on the day of death is not a hit (the bank run was ordered before
 *     the death could be known) and one on the next day is; graceDays = -1 makes the day of death
 *     itself a hit;
 *   - and it is for a month after the month of death (period > death month; ≥ with
 *     includeDeathMonth). Most schemes pay the month of death in full, and arrears for months the
 *     person lived are due even when paid later. Without a period column the payment's month is
 *     its payDate's month.
 * A person listed more than once in the death register is taken at the earliest date. One hit per
 * person, with every late payment and every death record as evidence.
 */
export const deceasedRecipients: RuleTemplate = {
  id: 'deceasedRecipients',
  needs: () => ({
    payments: { idNo: 'idKey', payDate: 'date', period: 'period' },
    deaths: { idNo: 'idKey', deathDate: 'date' },
  }),
  sql: (p) => `WITH matched AS (
  -- every payment to someone in the death register, with the earliest death date recorded for
  -- them and the death records themselves
  SELECT pay._ds, pay._row, pay.idNo, pay.payDate,
         ${periodOr('pay.period', 'pay.payDate')} AS period,
         min(dth.deathDate) AS deathDate,
         list({ds: dth._ds, row: dth._row}) AS death_rows
  FROM payments pay
  JOIN deaths dth ON dth.idNo = pay.idNo
  WHERE pay.payDate IS NOT NULL AND dth.deathDate IS NOT NULL
  GROUP BY ALL
),
late AS (
  SELECT * FROM matched
  WHERE payDate > deathDate + ${lit.int(p.graceDays)}                       -- 宽限天数
    AND period ${p.includeDeathMonth ? '>=' : '>'} year(deathDate) * 100 + month(deathDate)  -- 所属期在死亡月份之后
)
SELECT late.idNo AS k_idNo,
       any_value(late.deathDate)::VARCHAR AS m_deathDate,
       count(*) AS m_count,
       min(late.payDate)::VARCHAR AS m_firstPayDate,
       max(late.payDate)::VARCHAR AS m_lastPayDate,
       ${rowsList('late.')} AS e_payments,
       list_sort(list_distinct(flatten(list(late.death_rows)))) AS e_deaths
FROM late
GROUP BY late.idNo
ORDER BY late.idNo`,
  finish: (hit, cell) => {
    hit.measures.amountCents = sumAmounts(hit.evidence.payments, 'payments', cell, parseAmount);
    const names = namesAgree(hit, cell, 'payments', 'deaths');
    if (names) hit.measures.namesMatch = names;
  },
};
