import { DownloadOutlined, PaperClipOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  DISCIPLINE_LABELS,
  PETITION_CHANNEL_LABELS,
  PETITION_CHANNELS,
  PETITION_STATUS_LABELS,
  PETITION_STATUSES,
  type TDiscipline,
  type TPetitionStatus,
} from '@xc/domain';
import { Badge, Button, Card, Segmented, Space, type TableColumnsType, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { usePermissions } from '../../api/hooks.ts';
import { exportPetitionLedger, listPetitions, petk, type TPetitionItem } from '../../api/petitions.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { FilterBar, FilterSearch, FilterSelect } from '../../components/filter-bar.tsx';
import { useExport } from '../../components/form-kit/index.ts';
import { optionsOf } from '../../components/options.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useUrlFilters } from '../../components/url-filters.ts';
import { RegisterDrawer } from './register-drawer.tsx';
import {
  ChannelTag,
  InspectionSelect,
  PetitionStatusTag,
  readPetitionFilters,
  writePetitionFilters,
} from './shared.tsx';

const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);

/** 「待分办 12」: the count in red on 待分办 while anything waits there. */
function statusLabel(name: string, n: number | undefined, urgent = false) {
  return (
    <span>
      {name}
      {n !== undefined && (
        <Typography.Text type={urgent && n > 0 ? 'danger' : 'secondary'} style={{ marginLeft: 6 }}>
          {n}
        </Typography.Text>
      )}
    </span>
  );
}

export default function PetitionInboxPage() {
  usePageMeta([]);
  const {
    filters,
    pages,
    query,
    set: setFilter,
    bind,
    keyword,
    reset,
  } = useUrlFilters(readPetitionFilters, writePetitionFilters);
  const perms = usePermissions();
  const navigate = useNavigate();
  const [registering, setRegistering] = useState(false);
  const canHandle = perms.has('petition:handle');

  const list = useQuery({
    queryKey: petk.list(query),
    queryFn: ({ signal }) => listPetitions(query, signal),
    placeholderData: keepPreviousData,
  });

  // Counts per status under the other filters, so the tabs show the backlog at a glance.
  const counts = list.data?.statusCounts;
  const filtered = !!(filters.inspectionId || filters.status || filters.channel || filters.q);
  const open = (p: TPetitionItem) => navigate(`/fieldwork/petitions/${p.id}`);

  const columns: TableColumnsType<TPetitionItem> = [
    { title: '收到日期', dataIndex: 'receivedOn', width: 110 },
    {
      title: '来源',
      dataIndex: 'channel',
      width: 100,
      render: (_v, p) => <ChannelTag channel={p.channel} />,
    },
    {
      title: '被巡察单位',
      dataIndex: 'orgName',
      width: 180,
      render: (v: string, p) => (
        <div>
          <div>{v}</div>
          {!filters.inspectionId && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.inspectionName}
            </Typography.Text>
          )}
        </div>
      ),
    },
    {
      title: '被反映人/职务',
      key: 'subject',
      width: 160,
      render: (_v, p) =>
        p.subjectName || p.subjectPost ? (
          <div>
            <div>{p.subjectName ?? '—'}</div>
            {p.subjectPost && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.subjectPost}
              </Typography.Text>
            )}
          </div>
        ) : (
          <Typography.Text type="secondary">未写明</Typography.Text>
        ),
    },
    {
      title: '摘要',
      dataIndex: 'summary',
      ellipsis: { showTitle: false },
      render: (v: string, p) => (
        <div style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0 }}>
          {p.newFromReporter > 0 && (
            <Tooltip title="信访人在巡察组最近一次答复后补充的信息">
              <Badge count={`新补充 ${p.newFromReporter}`} style={{ backgroundColor: '#ff4d4f' }} />
            </Tooltip>
          )}
          <Tooltip title={v} placement="topLeft">
            <Link
              to={`/fieldwork/petitions/${p.id}`}
              onClick={(e) => e.stopPropagation()}
              style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', minWidth: 0 }}
            >
              {v}
            </Link>
          </Tooltip>
        </div>
      ),
    },
    {
      title: '纪律类别',
      dataIndex: 'discipline',
      width: 100,
      render: (v: TDiscipline | null) => (v ? DISCIPLINE_LABELS[v] : '—'),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 90,
      render: (s: TPetitionStatus) => <PetitionStatusTag status={s} />,
    },
    {
      title: '附件',
      dataIndex: 'fileCount',
      width: 70,
      align: 'right',
      render: (n: number) =>
        n > 0 ? (
          <span>
            <PaperClipOutlined /> {n}
          </span>
        ) : (
          <Typography.Text type="secondary">0</Typography.Text>
        ),
    },
  ];

  const exportLedger = useExport(() => exportPetitionLedger(filters));

  const registerButton = (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      disabled={!filters.inspectionId}
      onClick={() => setRegistering(true)}
    >
      登记来信来电来访
    </Button>
  );

  return (
    <div>
      <PageHeader
        title="信访举报"
        sub="码上巡收到的群众反映和巡察组登记的来信、来电、来访"
        extra={
          <Space wrap>
            {perms.has('publicCode:manage') && (
              <Button
                icon={<QrcodeOutlined />}
                onClick={() =>
                  navigate(
                    filters.inspectionId ? `/fieldwork/codes?inspectionId=${filters.inspectionId}` : '/fieldwork/codes',
                  )
                }
              >
                码上巡二维码
              </Button>
            )}
            <Tooltip title="导出当前筛选结果，不含实名反映人信息">
              <Button
                icon={<DownloadOutlined />}
                loading={exportLedger.pending}
                onClick={() => void exportLedger.run()}
              >
                导出台账
              </Button>
            </Tooltip>
            {canHandle &&
              (filters.inspectionId ? (
                registerButton
              ) : (
                <Tooltip title="请先在筛选栏选择巡察任务">
                  <span>{registerButton}</span>
                </Tooltip>
              ))}
          </Space>
        }
      />
      <Card>
        <Segmented<TPetitionStatus | 'all'>
          aria-label="办理状态"
          style={{ marginBottom: 12 }}
          value={filters.status ?? 'all'}
          onChange={(v) => setFilter({ status: v === 'all' ? undefined : v })}
          options={[
            { value: 'all', label: statusLabel('全部', counts && sum(counts)) },
            ...PETITION_STATUSES.map((s) => ({
              value: s,
              label: statusLabel(PETITION_STATUS_LABELS[s], counts?.[s], s === 'received'),
            })),
          ]}
        />
        <FilterBar filtered={filtered} onReset={reset}>
          <InspectionSelect {...bind('inspectionId')} />
          <FilterSelect
            label="来源渠道"
            {...bind('channel')}
            options={optionsOf(PETITION_CHANNELS, PETITION_CHANNEL_LABELS)}
            width={110}
          />
          <FilterSearch {...keyword} placeholder="被反映人、单位或内容" label="搜索信访件" />
        </FilterBar>
        <CursorTable<TPetitionItem>
          list={list}
          pages={pages}
          columns={columns}
          width={1100}
          onOpen={open}
          empty={{
            filtered,
            whenFiltered: '没有符合条件的信访件，请调整筛选条件',
            whenEmpty: '暂无信访件。群众通过码上巡提交的反映和登记的来信来电来访会显示在这里',
          }}
        />
      </Card>
      <RegisterDrawer inspectionId={filters.inspectionId} open={registering} onClose={() => setRegistering(false)} />
    </div>
  );
}
