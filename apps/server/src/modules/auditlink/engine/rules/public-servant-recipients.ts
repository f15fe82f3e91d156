import { matchKey, parseAmount } from '@xc/domain/auditlink/values';
import { namesAgree, type RuleTemplate, rowsList, sumAmounts, textIdsContaining } from './common.ts';

/**
 * 财政供养人员领取困难群众补贴: payments of a means-tested project (by keyword, see the catalog) to a
 * person on the public payroll. One hit per person, with the payments and the payroll rows.
 */
export const publicServantRecipients: RuleTemplate = {
  id: 'publicServantRecipients',
  needs: () => ({ payments: { idNo: 'idKey', project: 'textKey' }, payroll: { idNo: 'idKey' } }),
  sql: (p) => `WITH means_tested AS (
  -- 需核查家庭经济状况的项目
  ${textIdsContaining((p.projects as string[]).map(matchKey))}
),
paid AS (
  SELECT pay._ds, pay._row, pay.idNo
  FROM payments pay
  WHERE pay.project IN (SELECT id FROM means_tested)
    AND pay.idNo IN (SELECT idNo FROM payroll)
)
SELECT paid.idNo AS k_idNo,
       count(*) AS m_count,
       ${rowsList('paid.')} AS e_payments,
       (SELECT ${rowsList('r.')} FROM payroll r WHERE r.idNo = paid.idNo) AS e_payroll
FROM paid
GROUP BY paid.idNo
ORDER BY paid.idNo`,
  finish: (hit, cell) => {
    hit.measures.amountCents = sumAmounts(hit.evidence.payments, 'payments', cell, parseAmount);
    const names = namesAgree(hit, cell, 'payments', 'payroll');
    if (names) hit.measures.namesMatch = names;
    const first = hit.evidence.payroll?.[0];
    hit.measures.employer = (first && cell('payroll', first, 'employer')) ?? '';
  },
};
