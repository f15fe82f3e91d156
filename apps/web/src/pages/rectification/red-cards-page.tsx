import { usePageMeta } from '../../app/page-meta.tsx';
import { LedgerView } from './ledger-page.tsx';

/** 红牌任务: the ledger's tasks carrying a red card, with the same filters, export and drawer. */
export default function RedCardsPage() {
  usePageMeta([]);
  return <LedgerView redCards />;
}
