import { usePageMeta } from '../../app/page-meta.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { Overview } from './inspection-page.tsx';
import { useRectInspections } from './inspection-picker.tsx';

/** Stages in which an inspection is evaluated, or was. */
const EVALUATION_STAGES = new Set(['rectifying', 'evaluated', 'published', 'archived']);

/** 整改评估: the inspections in or past 整改, each opening on its evaluation (scorecard, survey, grade). */
export default function EvaluationsPage() {
  usePageMeta([]);
  const list = useRectInspections();
  const items = (list.data?.items ?? []).filter((i) => EVALUATION_STAGES.has(i.stage));
  return (
    <div>
      <PageHeader
        title="整改评估"
        sub="集中整改期满后，由巡察办、巡察组和社会评价按评分表扣分，结合群众满意度测评评定好、较好、一般、差"
      />
      <Overview
        items={items}
        loading={list.isPending}
        error={list.error}
        retry={() => void list.refetch()}
        tab="evaluation"
      />
    </div>
  );
}
