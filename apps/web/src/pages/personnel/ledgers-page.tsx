import { DownloadOutlined, PlusOutlined, TeamOutlined, TrophyOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { AWARD_KIND_LABELS, type TAwardKind, TRAINING_MODE_LABELS } from '@xc/domain';
import { Button, Card, Empty, Space, type TableColumnsType, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { usePermissions } from '../../api/hooks.ts';
import {
  exportLedgers,
  listAwards,
  listTrainings,
  ppk,
  type TAwardItem,
  type TTrainingItem,
} from '../../api/personnel.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { QueryTable } from '../../components/cursor-table.tsx';
import { useExport } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useUrlParams } from '../../components/url-filters.ts';
import { useHomeAuthorityId } from '../planning/shared.tsx';
import { AttendeesModal, AwardFormModal, TrainingFormModal } from './ledger-modals.tsx';

const empty = (text: string) => <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} />;
/** The ledgers come whole; a long one is paged here. */
const paged = (n: number) => (n > 20 ? { pageSize: 20, showSizeChanger: false } : false);

function People({ people }: { people: TAwardItem['people'] }) {
  if (!people.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {people.map((p) => (
        <Link key={p.inspectorId} to={`/personnel/inspectors/${p.inspectorId}`} title={p.homeUnitName}>
          <Tag style={{ cursor: 'pointer' }}>{p.name}</Tag>
        </Link>
      ))}
    </Space>
  );
}

function TrainingTab({
  authorityId,
  canWrite,
  onAttendees,
}: {
  authorityId: string | undefined;
  canWrite: boolean;
  onAttendees: (t: TTrainingItem) => void;
}) {
  const list = useQuery({ queryKey: ppk.trainings(authorityId), queryFn: () => listTrainings(authorityId) });
  const items = list.data?.items ?? [];
  const attendance = items.reduce((s, t) => s + t.attendeeCount, 0);
  const hours = items.reduce((s, t) => s + t.hours, 0);
  const columns: TableColumnsType<TTrainingItem> = [
    { title: '培训名称', dataIndex: 'title' },
    {
      title: '培训日期',
      dataIndex: 'heldOn',
      width: 120,
      sorter: (a, b) => a.heldOn.localeCompare(b.heldOn),
      defaultSortOrder: 'descend',
    },
    { title: '学时', dataIndex: 'hours', width: 80, align: 'right' },
    {
      title: '方式',
      dataIndex: 'mode',
      width: 110,
      render: (m: TTrainingItem['mode']) => (
        <Tag color={m === 'video' ? 'purple' : 'blue'}>{TRAINING_MODE_LABELS[m] ?? m}</Tag>
      ),
    },
    {
      title: '参训人数',
      dataIndex: 'attendeeCount',
      width: 100,
      align: 'right',
      sorter: (a, b) => a.attendeeCount - b.attendeeCount,
    },
    {
      title: '操作',
      key: 'ops',
      width: 110,
      render: (_v, t) => (
        <Button type="link" size="small" icon={<TeamOutlined />} onClick={() => onAttendees(t)}>
          {canWrite ? '参训人员' : '查看人员'}
        </Button>
      ),
    },
  ];
  return (
    <>
      {items.length > 0 && (
        <Typography.Paragraph type="secondary">
          共 {list.data?.total ?? items.length} 期，{hours} 学时，参训 {attendance} 人次
        </Typography.Paragraph>
      )}
      <QueryTable<TTrainingItem>
        query={list}
        rows={items}
        columns={columns}
        pagination={paged(items.length)}
        empty={empty('暂无培训记录')}
      />
    </>
  );
}

function AwardTab({ authorityId, kind }: { authorityId: string | undefined; kind: TAwardKind }) {
  const list = useQuery({ queryKey: ppk.awards(authorityId, kind), queryFn: () => listAwards(authorityId, kind) });
  const items = [...(list.data?.items ?? [])].sort(
    (a, b) =>
      b.awardedOn.localeCompare(a.awardedOn) ||
      b.batch.localeCompare(a.batch) ||
      (a.category ?? '').localeCompare(b.category ?? ''),
  );
  const people = new Set(items.flatMap((a) => a.people.map((p) => p.inspectorId))).size;
  const batches = new Set(items.map((a) => a.batch)).size;
  const categories = new Set(items.map((a) => a.category).filter(Boolean)).size;
  const report = kind === 'excellentReport';
  const columns: TableColumnsType<TAwardItem> = [
    { title: '评选批次', dataIndex: 'batch', width: 120 },
    ...(report
      ? ([
          { title: '报告类别', dataIndex: 'category', width: 120, render: (v: string | null) => v ?? '—' },
          { title: '报告题目', dataIndex: 'title', render: (v: string | null) => v ?? '—' },
        ] satisfies TableColumnsType<TAwardItem>)
      : []),
    {
      title: report ? '执笔人' : '受表彰人员',
      dataIndex: 'people',
      width: report ? 260 : undefined,
      render: (p: TAwardItem['people']) => <People people={p} />,
    },
    ...(report
      ? []
      : ([
          {
            title: '人数',
            key: 'n',
            width: 80,
            align: 'right',
            render: (_v: unknown, a: TAwardItem) => a.people.length,
          },
        ] satisfies TableColumnsType<TAwardItem>)),
    { title: '表彰日期', dataIndex: 'awardedOn', width: 120 },
  ];
  return (
    <>
      {items.length > 0 && (
        <Typography.Paragraph type="secondary">
          {report
            ? `共 ${batches} 批、${categories} 个类别、${items.length} 篇报告`
            : `共 ${batches} 批，表彰 ${people} 人`}
        </Typography.Paragraph>
      )}
      <QueryTable<TAwardItem>
        query={list}
        rows={items}
        columns={columns}
        pagination={paged(items.length)}
        empty={empty(`暂无${AWARD_KIND_LABELS[kind]}记录`)}
      />
    </>
  );
}

const TABS = ['training', 'excellentInspector', 'excellentReport'] as const;
type TabKey = (typeof TABS)[number];

export default function LedgersPage() {
  usePageMeta([]);
  const perms = usePermissions();
  const home = useHomeAuthorityId();
  const { params, set } = useUrlParams({ replace: true });
  const authorityId = params.get('authorityId') ?? home;
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as TabKey)
    : 'training';
  const canWrite = perms.has('personnel:write');
  const [trainingOpen, setTrainingOpen] = useState(false);
  const [awardOpen, setAwardOpen] = useState(false);
  const [attendeesOf, setAttendeesOf] = useState<TTrainingItem | null>(null);
  const exportXlsx = useExport(() => exportLedgers(authorityId));

  return (
    <div>
      <PageHeader
        title="培训与表彰"
        sub="巡察干部培训台账、优秀巡察干部和优秀巡察报告"
        extra={
          <Space wrap>
            {perms.has('authority:read') && (
              <AuthoritySelect value={authorityId} onChange={(v) => set({ authorityId: v })} style={{ width: 240 }} />
            )}
            {canWrite && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setTrainingOpen(true)}>
                登记培训
              </Button>
            )}
            {canWrite && (
              <Button icon={<TrophyOutlined />} onClick={() => setAwardOpen(true)}>
                登记表彰
              </Button>
            )}
            <Button icon={<DownloadOutlined />} loading={exportXlsx.pending} onClick={() => void exportXlsx.run()}>
              导出台账
            </Button>
          </Space>
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => set({ tab: k === 'training' ? undefined : k })}
          items={[
            {
              key: 'training',
              label: '培训',
              children: <TrainingTab authorityId={authorityId} canWrite={canWrite} onAttendees={setAttendeesOf} />,
            },
            {
              key: 'excellentInspector',
              label: AWARD_KIND_LABELS.excellentInspector,
              children: <AwardTab authorityId={authorityId} kind="excellentInspector" />,
            },
            {
              key: 'excellentReport',
              label: AWARD_KIND_LABELS.excellentReport,
              children: <AwardTab authorityId={authorityId} kind="excellentReport" />,
            },
          ]}
        />
      </Card>
      <TrainingFormModal
        open={trainingOpen}
        defaultAuthorityId={authorityId}
        onClose={() => setTrainingOpen(false)}
        onCreated={(t) => {
          if (tab !== 'training') set({ tab: undefined });
          setAttendeesOf(t);
        }}
      />
      <AwardFormModal
        open={awardOpen}
        defaultAuthorityId={authorityId}
        defaultKind={tab === 'excellentReport' ? 'excellentReport' : 'excellentInspector'}
        onClose={() => setAwardOpen(false)}
      />
      <AttendeesModal training={attendeesOf} canWrite={canWrite} onClose={() => setAttendeesOf(null)} />
    </div>
  );
}
