import { lit, type RuleTemplate, rowsList } from './common.ts';

/**
 * 发票疑点筛查, four screens in one query, each hit naming its screen:
 *   roundAmount         an amount that is a whole multiple of `roundUnit` (分);
 *   consecutiveNumbers  a run of at least `runLength` consecutive numbers from one seller (and one
 *                       invoice code, when mapped): gaps-and-islands over the numbers;
 *   holidayDate         issued on a day off by the holiday calendar: `offdays(date, kind)` is
 *                       filled for the run from the product's calendar (调休 working weekends are
 *                       working days and do not appear);
 *   duplicateNumber     the same number from the same seller (and code) more than once.
 */
export const invoiceScreens: RuleTemplate = {
  id: 'invoiceScreens',
  needs: () => ({
    invoices: {
      supplier: 'textKey',
      invoiceCode: 'textKey',
      invoiceNo: 'invoiceNo',
      invoiceDate: 'date',
      amount: 'amount',
    },
  }),
  sql: (p) => {
    const screens = p.screens as string[];
    const parts: string[] = [];
    const keys = (screen: string) => `'${screen}' AS k_screen,
       (SELECT key FROM textkeys WHERE id = inv.supplier) AS k_supplier,
       (SELECT key FROM textkeys WHERE id = inv.code) AS k_invoiceCode`;
    if (screens.includes('roundAmount'))
      parts.push(`SELECT ${keys('roundAmount')},
       inv.invoiceNo AS k_invoiceNo,
       1 AS m_count, inv.amount AS m_amountCents, inv.invoiceDate::VARCHAR AS m_invoiceDate, NULL AS m_dayKind,
       [{ds: inv._ds, row: inv._row}] AS e_invoices
FROM inv
WHERE inv.amount > 0 AND inv.amount % ${lit.int(p.roundUnit)} = 0             -- 整数金额（分）`);
    if (screens.includes('consecutiveNumbers'))
      parts.push(`SELECT ${keys('consecutiveNumbers')},
       arg_min(inv.invoiceNo, inv.number) || '—' || arg_max(inv.invoiceNo, inv.number) AS k_invoiceNo,
       count(DISTINCT inv.number) AS m_count, sum(inv.amount) AS m_amountCents, min(inv.invoiceDate)::VARCHAR AS m_invoiceDate, NULL AS m_dayKind,
       ${rowsList('inv.')} AS e_invoices
FROM (
  -- numbers minus their rank are constant along a run of consecutive numbers
  SELECT *, number - dense_rank() OVER (PARTITION BY supplier, code ORDER BY number) AS island
  FROM inv WHERE number IS NOT NULL
) inv
GROUP BY inv.supplier, inv.code, inv.island
HAVING count(DISTINCT inv.number) >= ${lit.int(p.runLength)}                  -- 连号张数`);
    if (screens.includes('holidayDate'))
      parts.push(`SELECT ${keys('holidayDate')},
       inv.invoiceNo AS k_invoiceNo,
       1 AS m_count, inv.amount AS m_amountCents, inv.invoiceDate::VARCHAR AS m_invoiceDate, off.kind AS m_dayKind,
       [{ds: inv._ds, row: inv._row}] AS e_invoices
FROM inv
JOIN offdays off ON off.date = inv.invoiceDate`);
    if (screens.includes('duplicateNumber'))
      parts.push(`SELECT ${keys('duplicateNumber')},
       inv.invoiceNo AS k_invoiceNo,
       count(*) AS m_count, sum(inv.amount) AS m_amountCents, min(inv.invoiceDate)::VARCHAR AS m_invoiceDate, NULL AS m_dayKind,
       ${rowsList('inv.')} AS e_invoices
FROM inv
GROUP BY inv.supplier, inv.code, inv.invoiceNo
HAVING count(*) > 1`);
    return `WITH inv AS (
  SELECT _ds, _row, supplier, coalesce(invoiceCode, -1) AS code, invoiceNo,
         try_cast(invoiceNo AS HUGEINT) AS number, invoiceDate, amount
  FROM invoices
  WHERE supplier IS NOT NULL AND invoiceNo IS NOT NULL
)
SELECT * FROM (
${parts.join('\nUNION ALL BY NAME\n')}
)
ORDER BY k_screen, k_supplier, k_invoiceNo`;
  },
};
