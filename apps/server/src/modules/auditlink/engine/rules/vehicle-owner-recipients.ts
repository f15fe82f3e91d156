import { matchKey, parseAmount } from '@xc/domain/auditlink/values';
import { lit, namesAgree, type RuleTemplate, rowsList, sumAmounts, textIdsContaining } from './common.ts';

/**
 * 有车人员领取困难群众补贴: a payment of a means-tested project is a hit when, on its pay date, the
 * recipient owned at least `minVehicles` vehicles registered on or before that day, counting only
 * vehicles worth at least `minVehicleValue` when that is set (it needs the value column). One hit
 * per person, with the payments and the vehicles.
 */
export const vehicleOwnerRecipients: RuleTemplate = {
  id: 'vehicleOwnerRecipients',
  needs: () => ({
    payments: { idNo: 'idKey', project: 'textKey', payDate: 'date' },
    vehicles: { idNo: 'idKey', registeredOn: 'date', vehicleValue: 'amount' },
  }),
  check: (p, mapped) =>
    (p.minVehicleValue as number) > 0 && !mapped.vehicles?.has('vehicleValue')
      ? '设置了车辆价值门槛，请为“车辆登记信息”指定“车辆价值”对应的列，或把门槛设为 0'
      : null,
  sql: (p) => `WITH means_tested AS (
  -- 需核查家庭经济状况的项目
  ${textIdsContaining((p.projects as string[]).map(matchKey))}
),
owned AS (
  SELECT v._ds, v._row, v.idNo, v.registeredOn
  FROM vehicles v
  WHERE v.registeredOn IS NOT NULL${
    (p.minVehicleValue as number) > 0
      ? `\n    AND v.vehicleValue >= ${lit.int(p.minVehicleValue)}  -- 车辆价值门槛（分）`
      : ''
  }
),
paid AS (
  -- each payment, with the vehicles its recipient had registered by the pay date
  SELECT pay._ds, pay._row, pay.idNo,
         count(*) AS vehicles,
         list({ds: o._ds, row: o._row}) AS owned_rows
  FROM payments pay
  JOIN owned o ON o.idNo = pay.idNo AND o.registeredOn <= pay.payDate
  WHERE pay.project IN (SELECT id FROM means_tested)
  GROUP BY pay._ds, pay._row, pay.idNo
  HAVING count(*) >= ${lit.int(p.minVehicles)}                               -- 车辆数门槛
)
SELECT paid.idNo AS k_idNo,
       count(*) AS m_count,
       max(paid.vehicles) AS m_vehicles,
       ${rowsList('paid.')} AS e_payments,
       list_sort(list_distinct(flatten(list(paid.owned_rows)))) AS e_vehicles
FROM paid
GROUP BY paid.idNo
ORDER BY paid.idNo`,
  finish: (hit, cell) => {
    hit.measures.amountCents = sumAmounts(hit.evidence.payments, 'payments', cell, parseAmount);
    const names = namesAgree(hit, cell, 'payments', 'vehicles');
    if (names) hit.measures.namesMatch = names;
  },
};
