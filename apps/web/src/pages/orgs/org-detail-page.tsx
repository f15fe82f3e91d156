import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { qk } from '../../api/keys.ts';
import { getOrg } from '../../api/orgs.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { OrgDetailView } from './org-detail-view.tsx';

export default function OrgDetailPage() {
  const { id = '' } = useParams();
  const { data } = useQuery({ queryKey: qk.org(id), queryFn: () => getOrg(id), enabled: !!id });
  usePageMeta([{ title: data?.name ?? '单位详情' }]);
  return <OrgDetailView key={id} id={id} />;
}
