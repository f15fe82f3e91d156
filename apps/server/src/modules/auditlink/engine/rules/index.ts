import type { TAuditRuleId } from '@xc/domain/auditlink/rules';
import type { RuleTemplate } from './common.ts';
import { consumablesBilledNotIssued } from './consumables-billed-not-issued.ts';
import { deceasedRecipients } from './deceased-recipients.ts';
import { duplicatePayments } from './duplicate-payments.ts';
import { invoiceScreens } from './invoice-screens.ts';
import { publicServantRecipients } from './public-servant-recipients.ts';
import { vehicleOwnerRecipients } from './vehicle-owner-recipients.ts';

export type { Mapped, PrepKind, RoleNeeds, RuleTemplate } from './common.ts';

/** The SQL template of each rule of the catalog. */
export const TEMPLATES: Readonly<Record<TAuditRuleId, RuleTemplate>> = {
  deceasedRecipients,
  publicServantRecipients,
  vehicleOwnerRecipients,
  duplicatePayments,
  consumablesBilledNotIssued,
  invoiceScreens,
};
