import { DeleteOutlined, PlusOutlined, SaveOutlined, UndoOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { HOLIDAY_KIND_LABELS, HOLIDAY_KINDS, OFFICIAL_CALENDAR_YEARS } from '@xc/domain';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Input,
  Popconfirm,
  Select,
  Space,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { usePermissions } from '../../api/hooks.ts';
import { getCalendar, pk, putCalendar, type THolidayItem } from '../../api/planning.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { QueryTable } from '../../components/cursor-table.tsx';
import { useAction } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useUrlParams } from '../../components/url-filters.ts';
import { DeadlineSettingsCard } from './deadline-settings-card.tsx';
import { DATE, useHomeAuthorityId } from './shared.tsx';

type Kind = (typeof HOLIDAY_KINDS)[number];

interface OfficeEntry {
  date: string;
  kind: Kind;
  name: string;
}

interface Row extends THolidayItem {
  /** An official entry the office overrides with its own entry for the same date. */
  overridden?: boolean;
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

function sameEntries(a: OfficeEntry[], b: OfficeEntry[]) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function AddEntry({ year, taken, onAdd }: { year: number; taken: Set<string>; onAdd: (e: OfficeEntry) => void }) {
  const [date, setDate] = useState<Dayjs | null>(null);
  const [kind, setKind] = useState<Kind>('holiday');
  const [name, setName] = useState('');
  const iso = date?.format(DATE) ?? '';
  const problem = !date
    ? null
    : taken.has(iso)
      ? '该日期已有本机构安排'
      : name.trim().length > 20
        ? '名称不能超过20个字'
        : null;
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <DatePicker
        value={date}
        onChange={setDate}
        placeholder="日期"
        // A 元旦 arrangement may begin in late December of the year before.
        disabledDate={(d) => !(d.year() === year || (d.year() === year - 1 && d.month() === 11))}
        defaultPickerValue={dayjs(`${year}-01-01`)}
        aria-label="日期"
      />
      <Select<Kind>
        value={kind}
        onChange={setKind}
        options={HOLIDAY_KINDS.map((k) => ({ value: k, label: HOLIDAY_KIND_LABELS[k] }))}
        style={{ width: 120 }}
        aria-label="类型"
      />
      <Input
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder="名称，如：本地民俗节日"
        maxLength={20}
        style={{ width: 220 }}
        aria-label="名称"
      />
      <Button
        icon={<PlusOutlined />}
        disabled={!date || !name.trim() || !!problem}
        onClick={() => {
          onAdd({ date: iso, kind, name: name.trim() });
          setDate(null);
          setName('');
        }}
      >
        添加
      </Button>
      {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
    </Space>
  );
}

function HolidayCard({ authorityId, canManage }: { authorityId: string; canManage: boolean }) {
  const { modal } = App.useApp();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(dayjs().year());
  const [draft, setDraft] = useState<OfficeEntry[] | null>(null);
  const cal = useQuery({
    queryKey: pk.calendar(authorityId, year),
    queryFn: () => getCalendar(authorityId, year),
  });

  const saved = useMemo<OfficeEntry[]>(
    () =>
      (cal.data?.items ?? [])
        .filter((e) => e.source === 'office')
        .map((e) => ({ date: e.date, kind: e.kind, name: e.name }))
        .sort((a, b) => a.date.localeCompare(b.date)),
    [cal.data],
  );
  const office = draft ?? saved;
  const dirty = draft !== null && !sameEntries(draft, saved);

  const rows = useMemo<Row[]>(() => {
    const own = new Set(office.map((e) => e.date));
    const official = (cal.data?.items ?? [])
      .filter((e) => e.source === 'official')
      .map((e) => ({ ...e, overridden: own.has(e.date) }));
    const mine = office.map((e) => ({ ...e, source: 'office' as const }));
    return [...official, ...mine].sort(
      (a, b) => a.date.localeCompare(b.date) || (a.source === 'office' ? 1 : -1) - (b.source === 'office' ? 1 : -1),
    );
  }, [cal.data, office]);

  const edit = (fn: (list: OfficeEntry[]) => OfficeEntry[]) =>
    setDraft(fn([...office]).sort((a, b) => a.date.localeCompare(b.date)));

  const save = useAction((entries: OfficeEntry[]) => putCalendar(authorityId, { year, entries }), {
    success: `${year}年本机构节假日安排已保存`,
    invalidate: [pk.all],
    onSuccess: (r) => {
      queryClient.setQueryData(pk.calendar(authorityId, year), r);
      setDraft(null);
    },
  });

  const columns: TableColumnsType<Row> = [
    {
      title: '日期',
      dataIndex: 'date',
      width: 150,
      render: (d: string, r) => (
        <Typography.Text delete={r.overridden} type={r.source === 'official' ? 'secondary' : undefined}>
          {d}（周{WEEKDAYS[dayjs(d).day()]}）
        </Typography.Text>
      ),
    },
    {
      title: '类型',
      dataIndex: 'kind',
      width: 150,
      render: (k: Kind, r) =>
        r.source === 'office' && canManage ? (
          <Select<Kind>
            size="small"
            value={k}
            onChange={(v) => edit((l) => l.map((e) => (e.date === r.date ? { ...e, kind: v } : e)))}
            options={HOLIDAY_KINDS.map((x) => ({ value: x, label: HOLIDAY_KIND_LABELS[x] }))}
            style={{ width: 120 }}
            aria-label={`${r.date}的类型`}
          />
        ) : (
          <Tag color={k === 'holiday' ? (r.source === 'official' ? 'default' : 'red') : 'blue'}>
            {HOLIDAY_KIND_LABELS[k]}
          </Tag>
        ),
    },
    {
      title: '名称',
      dataIndex: 'name',
      render: (n: string, r) =>
        r.source === 'office' && canManage ? (
          <Input
            size="small"
            value={n}
            maxLength={20}
            status={n.trim() ? undefined : 'error'}
            onChange={(ev) => edit((l) => l.map((e) => (e.date === r.date ? { ...e, name: ev.target.value } : e)))}
            style={{ maxWidth: 260 }}
            aria-label={`${r.date}的名称`}
          />
        ) : (
          <Typography.Text type={r.source === 'official' ? 'secondary' : undefined}>{n}</Typography.Text>
        ),
    },
    {
      title: '来源',
      dataIndex: 'source',
      width: 200,
      render: (s: Row['source'], r) =>
        s === 'official' ? (
          <Space size={4}>
            <Tag>国务院办公厅通知</Tag>
            {r.overridden && <Tag color="orange">已被本机构安排替代</Tag>}
          </Space>
        ) : (
          <Tag color="purple">本机构</Tag>
        ),
    },
    ...(canManage
      ? [
          {
            title: '操作',
            key: 'ops',
            width: 80,
            render: (_v: unknown, r: Row) =>
              r.source === 'office' && (
                <Button
                  size="small"
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={`删除${r.date}`}
                  onClick={() => edit((l) => l.filter((e) => e.date !== r.date))}
                />
              ),
          },
        ]
      : []),
  ];

  const noOfficial = year < OFFICIAL_CALENDAR_YEARS.from || year > OFFICIAL_CALENDAR_YEARS.to;
  const blankName = office.some((e) => !e.name.trim());

  return (
    <Card
      title="节假日安排"
      extra={
        <Space>
          <DatePicker
            picker="year"
            value={dayjs(`${year}-01-01`)}
            onChange={(d) => {
              if (!d) return;
              // Another year starts from what is stored for it.
              const go = () => {
                setDraft(null);
                setYear(d.year());
              };
              if (!dirty) go();
              else
                modal.confirm({
                  title: '放弃未保存的修改？',
                  content: `${year}年本机构安排的修改尚未保存，切换年度将放弃这些修改。`,
                  okText: '放弃并切换',
                  okButtonProps: { danger: true },
                  onOk: go,
                });
            }}
            allowClear={false}
            disabledDate={(d) => d.year() < 2000 || d.year() > 2100}
            aria-label="年度"
          />
          {canManage && dirty && (
            <Button icon={<UndoOutlined />} onClick={() => setDraft(null)}>
              撤销修改
            </Button>
          )}
          {canManage && (
            <Popconfirm
              title={`保存${year}年本机构安排？`}
              description="将以当前列表替换本机构该年度自定的全部安排；国务院办公厅通知的安排不受影响。"
              okText="保存"
              onConfirm={() => save.run(office)}
              disabled={!dirty || blankName}
            >
              <Button type="primary" icon={<SaveOutlined />} loading={save.pending} disabled={!dirty || blankName}>
                保存
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
      style={{ marginBottom: 16 }}
    >
      <Typography.Paragraph type="secondary">
        工作日时限按此日历计算：周末和法定节假日不计，调休上班日计入。本机构的安排优先于国务院办公厅通知（用于地方性安排或通知发布后的调整）。
      </Typography.Paragraph>
      {noOfficial && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`系统内置的国务院办公厅节假日通知覆盖${OFFICIAL_CALENDAR_YEARS.from}—${OFFICIAL_CALENDAR_YEARS.to}年；${year}年的安排请由本机构录入`}
        />
      )}
      {canManage && (
        <AddEntry year={year} taken={new Set(office.map((e) => e.date))} onAdd={(e) => edit((l) => [...l, e])} />
      )}
      {dirty && <Alert type="info" showIcon style={{ marginBottom: 12 }} title="有未保存的修改" />}
      <QueryTable<Row>
        query={cal}
        rows={rows}
        rowKey={(r) => `${r.source}-${r.date}`}
        size="small"
        columns={columns}
        scroll={{ y: 520 }}
        empty={`${year}年暂无节假日安排`}
      />
    </Card>
  );
}

export default function CalendarPage() {
  usePageMeta([]);
  const perms = usePermissions();
  const home = useHomeAuthorityId();
  const { params, set } = useUrlParams();
  const authorityId = params.get('authorityId') ?? home;
  const canManage = perms.has('calendar:manage');

  return (
    <div>
      <PageHeader
        title="节假日与时限"
        sub="本机构的节假日日历和各项工作时限设置"
        extra={<AuthoritySelect value={authorityId} onChange={(v) => set({ authorityId: v })} style={{ width: 260 }} />}
      />
      {!canManage && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="您可以查看节假日和时限设置；如需修改请联系巡察办负责维护日历的同志"
        />
      )}
      {authorityId ? (
        <>
          <HolidayCard key={authorityId} authorityId={authorityId} canManage={canManage} />
          <DeadlineSettingsCard key={`d-${authorityId}`} authorityId={authorityId} canManage={canManage} />
        </>
      ) : (
        <Card>
          <Empty description="请选择巡察机构" />
        </Card>
      )}
    </div>
  );
}
