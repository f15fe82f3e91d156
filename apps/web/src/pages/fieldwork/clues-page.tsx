import { FileWordOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  CLUE_RECEIVER_LABELS,
  CLUE_RECEIVERS,
  CLUE_STATUS_LABELS,
  CLUE_STATUSES,
  DISCIPLINE_LABELS,
  DISCIPLINES,
  type TClueReceiver,
  type TClueStatus,
  type TDiscipline,
} from '@xc/domain';
import { Button, Card, Space, Switch, type TableColumnsType, Tabs } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { fwk, listTransfers, type TClueFilters, type TClueTransferOut } from '../../api/fieldwork.ts';
import { usePermissions } from '../../api/hooks.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { useCursorPages } from '../../components/cursor-pager.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { FilterSelect, ResetFiltersButton } from '../../components/filter-bar.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { InspectionSelect } from '../petitions/shared.tsx';
import { ClueRegister, useLetterDownload } from './clue-register.tsx';
import { isUuid, oneOf, TermSelect, toParams, useInspection, when } from './shared.tsx';
import './fieldwork.css';

function readFilters(p: URLSearchParams): TClueFilters {
  const id = (k: string) => {
    const v = p.get(k);
    return isUuid(v) ? v : undefined;
  };
  return {
    termId: id('termId'),
    inspectionId: id('inspectionId'),
    status: oneOf<TClueStatus>(CLUE_STATUSES, p.get('status')),
    receiver: oneOf<TClueReceiver>(CLUE_RECEIVERS, p.get('receiver')),
    discipline: oneOf<TDiscipline>(DISCIPLINES, p.get('discipline')),
    overdue: p.get('overdue') === 'true' ? 'true' : undefined,
  };
}

/** 移交批次: each batch under its 移交函, which is downloaded again when needed (re-authenticated). */
function TransfersTab() {
  const [receiver, setReceiver] = useState<TClueReceiver | undefined>();
  const letter = useLetterDownload();
  const pages = useCursorPages(receiver ?? '');
  const query = { receiver, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: fwk.transfers(query),
    queryFn: ({ signal }) => listTransfers(query, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<TClueTransferOut> = [
    { title: '移交日期', dataIndex: 'transferredOn', width: 110 },
    {
      title: '接收单位',
      key: 'receiver',
      render: (_v, b) => `${CLUE_RECEIVER_LABELS[b.receiver]}${b.receiverOrgName ? `（${b.receiverOrgName}）` : ''}`,
    },
    { title: '移交函文号', dataIndex: 'letterNumber', width: 200, render: (v: string | null) => v ?? '—' },
    { title: '件数', dataIndex: 'clueCount', width: 80, align: 'right' },
    { title: '人数', dataIndex: 'personCount', width: 80, align: 'right' },
    { title: '经办人', dataIndex: 'createdByName', width: 100, render: (v: string | null) => v ?? '—' },
    { title: '登记时间', dataIndex: 'createdAt', width: 150, render: (v: string) => when(v) },
    {
      title: '移交函',
      key: 'letter',
      width: 130,
      render: (_v, b) => (
        <Button
          size="small"
          icon={<FileWordOutlined />}
          loading={letter.running?.[0] === b}
          onClick={() => void letter.run(b)}
        >
          下载移交函
        </Button>
      ),
    },
  ];
  return (
    <>
      <Space wrap className="xc-filter-bar">
        <FilterSelect
          label="接收单位"
          value={receiver}
          onChange={setReceiver}
          options={CLUE_RECEIVERS.map((r) => ({ value: r, label: CLUE_RECEIVER_LABELS[r] }))}
          width={140}
        />
      </Space>
      <CursorTable<TClueTransferOut>
        list={list}
        pages={pages}
        columns={columns}
        width={1100}
        empty={{ filtered: !!receiver, whenFiltered: '没有移交该单位的批次', whenEmpty: '尚未移交问题线索' }}
      />
    </>
  );
}

/** 问题线索: the register (件/人), transfers in batches with their 移交函, the office's 销号. */
export default function CluesPage() {
  usePageMeta([]);
  const perms = usePermissions();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'transfers' ? 'transfers' : 'register';
  const filters = readFilters(params);
  const inspection = useInspection(filters.inspectionId);
  const filtered = Object.values(filters).some(Boolean);
  const setFilter = (patch: Partial<TClueFilters>) =>
    setParams(
      toParams({
        ...(filters as Record<string, string | undefined>),
        ...(patch as Record<string, string | undefined>),
      }),
    );

  const register = (
    <>
      <Space wrap className="xc-filter-bar">
        <TermSelect value={filters.termId} onChange={(termId) => setFilter({ termId })} />
        <InspectionSelect
          value={filters.inspectionId}
          onChange={(inspectionId) => setFilter({ inspectionId })}
          width={340}
        />
        <FilterSelect
          label="线索状态"
          value={filters.status}
          onChange={(status) => setFilter({ status })}
          options={CLUE_STATUSES.map((s) => ({ value: s, label: CLUE_STATUS_LABELS[s] }))}
          width={120}
        />
        <FilterSelect
          label="移交对象"
          value={filters.receiver}
          onChange={(receiver) => setFilter({ receiver })}
          options={CLUE_RECEIVERS.map((r) => ({ value: r, label: CLUE_RECEIVER_LABELS[r] }))}
          width={120}
        />
        <FilterSelect
          label="纪律类别"
          value={filters.discipline}
          onChange={(discipline) => setFilter({ discipline })}
          options={DISCIPLINES.map((d) => ({ value: d, label: DISCIPLINE_LABELS[d] }))}
          width={120}
        />
        <Space size={4}>
          <Switch
            size="small"
            checked={filters.overdue === 'true'}
            onChange={(on) => setFilter({ overdue: on ? 'true' : undefined })}
            aria-label="只看逾期未反馈"
          />
          <span>逾期未反馈</span>
        </Space>
        <ResetFiltersButton filtered={filtered} onReset={() => setParams(new URLSearchParams())} />
      </Space>
      <ClueRegister filters={filters} filtered={filtered} withInspection inspection={inspection.data} />
    </>
  );

  return (
    <div>
      <PageHeader
        title="问题线索"
        sub="巡察发现的问题线索按件、人登记，按干部管理权限分批移交纪委监委、组织部，跟踪处置结果"
      />
      <Card>
        {perms.has('clue:transfer') ? (
          <Tabs
            activeKey={tab}
            onChange={(k) =>
              setParams(k === 'transfers' ? new URLSearchParams({ tab: 'transfers' }) : new URLSearchParams())
            }
            items={[
              { key: 'register', label: '线索台账', children: register },
              { key: 'transfers', label: '移交批次', children: <TransfersTab /> },
            ]}
          />
        ) : (
          register
        )}
      </Card>
    </div>
  );
}
