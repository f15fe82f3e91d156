import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Result } from 'antd';
import { Navigate, useNavigate } from 'react-router';
import { listTerms, pk } from '../../api/planning.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { useHomeAuthorityId } from './shared.tsx';

/** The menu's 巡察轮次看板: the board of the current term of the user's own authority. */
export default function BoardEntryPage() {
  usePageMeta([]);
  const navigate = useNavigate();
  const authorityId = useHomeAuthorityId();
  const q = { authorityId, limit: 50 };
  const terms = useQuery({ queryKey: pk.terms(q), queryFn: ({ signal }) => listTerms(q, signal) });
  if (terms.isPending) return <FullPageSpin />;
  if (terms.error) return <ErrorAlert error={terms.error} onRetry={() => void terms.refetch()} />;
  const items = terms.data.items;
  const pick = items.find((t) => t.current) ?? items[0];
  if (pick) return <Navigate to={`/planning/terms/${pick.id}/board`} replace />;
  return (
    <Card>
      <Result
        icon={<Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={false} />}
        title="尚未建立届期"
        subTitle="巡察轮次按届期安排，请先在“届期与覆盖”中新建届期"
        extra={
          <Button type="primary" onClick={() => navigate('/planning/terms')}>
            前往届期与覆盖
          </Button>
        }
      />
    </Card>
  );
}
