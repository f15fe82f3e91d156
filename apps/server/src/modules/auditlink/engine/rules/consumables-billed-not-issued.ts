import { parseQuantity } from '@xc/domain/auditlink/values';
import { MAX_EVIDENCE_PER_ROLE } from '../limits.ts';
import { lit, type RuleTemplate } from './common.ts';

/**
 * 耗材收费多于出库: per item (and specification, when both sides have that column) and month, the
 * quantity billed to patients exceeds the quantity issued from stock by more than the tolerance:
 * billed > issued + max(tolerance, issued × tolerancePercent / 100). An item billed but never
 * issued counts as issued 0. Refunds (negative quantities) are summed in.
 */
export const consumablesBilledNotIssued: RuleTemplate = {
  id: 'consumablesBilledNotIssued',
  needs: () => ({
    charges: { item: 'textKey', spec: 'textKey', month: 'period', quantity: 'quantity' },
    issues: { item: 'textKey', spec: 'textKey', month: 'period', quantity: 'quantity' },
  }),
  sql: (p, mapped) => {
    const bySpec = Boolean(mapped.charges?.has('spec') && mapped.issues?.has('spec'));
    const spec = (a: string) => (bySpec ? `coalesce(${a}spec, -1)` : '-1');
    const evidence = (
      role: string,
      alias: string,
    ) => `(SELECT list({ds: ${alias}._ds, row: ${alias}._row} ORDER BY ${alias}._ds, ${alias}._row)[1:${MAX_EVIDENCE_PER_ROLE}]
        FROM ${role} ${alias}
        WHERE ${alias}.item = excess.item AND ${spec(`${alias}.`)} = excess.spec AND ${alias}.month = excess.month)`;
    return `WITH billed AS (
  SELECT item, ${spec('')} AS spec, month, sum(quantity) AS quantity, count(*) AS lines
  FROM charges
  WHERE item IS NOT NULL AND month IS NOT NULL AND quantity IS NOT NULL
  GROUP BY ALL
),
issued AS (
  SELECT item, ${spec('')} AS spec, month, sum(quantity) AS quantity, count(*) AS lines
  FROM issues
  WHERE item IS NOT NULL AND month IS NOT NULL AND quantity IS NOT NULL
  GROUP BY ALL
),
excess AS (
  SELECT b.item, b.spec, b.month, b.quantity AS billed, coalesce(i.quantity, 0) AS issued,
         b.lines AS billed_lines, coalesce(i.lines, 0) AS issued_lines
  FROM billed b
  LEFT JOIN issued i USING (item, spec, month)
  -- billed > issued + max(tolerance, issued × percent / 100), multiplied by 100 to stay in exact decimals
  WHERE b.quantity * 100 > coalesce(i.quantity, 0) * 100
        + greatest(${lit.decimal(p.tolerance)} * 100, coalesce(i.quantity, 0) * ${lit.int(p.tolerancePercent)})  -- 允许差额
)
SELECT (SELECT key FROM textkeys WHERE id = excess.item) AS k_item,
       (SELECT key FROM textkeys WHERE id = excess.spec) AS k_spec,
       excess.month AS k_month,
       excess.billed::VARCHAR AS m_billed,
       excess.issued::VARCHAR AS m_issued,
       (excess.billed - excess.issued)::VARCHAR AS m_excess,
       excess.billed_lines AS m_chargeLines,
       excess.issued_lines AS m_issueLines,
       ${evidence('charges', 'c')} AS e_charges,
       ${evidence('issues', 'i')} AS e_issues
FROM excess
ORDER BY excess.billed - excess.issued DESC, k_item, k_month`;
  },
  finish: (hit) => {
    // DuckDB prints DECIMAL(38,4) with all four places: 105.0000 reads as 105.
    for (const m of ['billed', 'issued', 'excess']) {
      const r = parseQuantity(String(hit.measures[m]));
      if (r.ok) hit.measures[m] = r.value;
    }
  },
};
