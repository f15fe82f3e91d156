import { parseAmount } from '@xc/domain/auditlink/values';
import { periodOr, type RuleTemplate, rowsList, sumAmounts } from './common.ts';

/**
 * 重复发放: the same person paid more than once for the same project and period, within one table
 * or across several (the role takes a list of tables). The period is the period column, or the pay
 * date's month when there is none. With sameAmountOnly only payments of equal amounts count.
 * One hit per person, project and period.
 */
export const duplicatePayments: RuleTemplate = {
  id: 'duplicatePayments',
  needs: (p) => ({
    payments: {
      idNo: 'idKey',
      project: 'textKey',
      payDate: 'date',
      period: 'period',
      ...(p.sameAmountOnly ? { amount: 'amount' as const } : {}),
    },
  }),
  sql: (p) => {
    const amount = p.sameAmountOnly ? ', amount' : '';
    return `WITH paid AS NOT MATERIALIZED (
  SELECT _ds, _row, idNo, project, ${periodOr('period', 'payDate')} AS period${amount}
  FROM payments
  WHERE idNo IS NOT NULL AND project IS NOT NULL
),
keyed AS (
  SELECT hash(idNo, project, period${amount}) AS h
  FROM paid
  WHERE period IS NOT NULL${p.sameAmountOnly ? ' AND amount IS NOT NULL' : ''}
),
suspect AS (
  -- equal keys have equal hashes, and sorted equal hashes lie side by side: a hash equal to the
  -- one before it occurs twice or more. Sorting the hashes costs less than grouping them (nearly
  -- every key occurs once), and the rare different keys sharing a hash are told apart by the
  -- grouping below
  SELECT DISTINCT h
  FROM (SELECT h, lag(h) OVER (ORDER BY h) AS prev FROM keyed)
  WHERE h = prev
)
SELECT paid.idNo AS k_idNo,
       (SELECT key FROM textkeys WHERE id = paid.project) AS k_project,
       paid.period AS k_period,
       count(*) AS m_count,
       count(DISTINCT paid._ds) AS m_datasets,
       ${rowsList('paid.')} AS e_payments
FROM paid
WHERE hash(paid.idNo, paid.project, paid.period${p.sameAmountOnly ? ', paid.amount' : ''}) IN (SELECT h FROM suspect)
GROUP BY paid.idNo, paid.project, paid.period${p.sameAmountOnly ? ', paid.amount' : ''}
HAVING count(*) > 1
ORDER BY paid.idNo, paid.period, k_project`;
  },
  finish: (hit, cell) => {
    hit.measures.amountCents = sumAmounts(hit.evidence.payments, 'payments', cell, parseAmount);
  },
};
