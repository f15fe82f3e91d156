import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { AUTHORITY_LEVEL_LABELS, type TSector, ZCampaignCreate } from '@xc/domain';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  Row,
  Select,
  Space,
  type TableColumnsType,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorText } from '../../api/client.ts';
import { createCampaign, gk, listCampaigns, type TCampaignItem, useTermBulletins } from '../../api/governance.ts';
import { useAuthorities, useMe } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { listOrgs } from '../../api/orgs.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { FilterSearch, ResetFiltersButton } from '../../components/filter-bar.tsx';
import { Field, FormDrawer, iso, optional, useSchemaForm } from '../../components/form-kit/index.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { isUuid, keywordOf, toParams, useUrlFilters } from '../../components/url-filters.ts';
import { useDebounced } from '../../components/use-debounced.ts';
import { TermSelect } from '../fieldwork/shared.tsx';
import {
  emptyText,
  PhaseTag,
  ProblemSelect,
  SECTOR_OPTIONS,
  TermField,
  useDefaultTermId,
  useGovRoles,
} from './shared.tsx';

const KEYS = ['termId', 'q'] as const;
type F = { termId?: string; q?: string };
const read = (p: URLSearchParams): F => ({
  termId: isUuid(p.get('termId')) ? (p.get('termId') as string) : undefined,
  q: keywordOf(p, 50),
});
const write = (f: F) => toParams(f, KEYS);

/** The caller's authority and those under it: who may join a campaign the office starts (市县同步). */
export function useCampaignAuthorities() {
  const { data: me } = useMe();
  const authorities = useAuthorities();
  const home = me?.user.authorityId ?? undefined;
  const items = (authorities.data?.items ?? []).filter((a) => a.id === home || a.parentAuthorityId === home);
  return { home, items, loading: authorities.isPending };
}

/**
 * Organizations in scope, several at once, searched on the server within the chosen authorities;
 * a whole sector can be added at once. Names of chosen ones are kept so the tags stay readable.
 */
function OrgMultiSelect({
  authorityIds,
  value,
  onChange,
  id,
}: {
  authorityIds: string[];
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
}) {
  const { message } = App.useApp();
  const [names, setNames] = useState<Record<string, string>>({});
  const [search, setSearch] = useState('');
  const [adding, setAdding] = useState(false);
  const q = useDebounced(search.trim(), 300);
  const only = authorityIds.length === 1 ? authorityIds[0] : undefined;
  const found = useQuery({
    queryKey: qk.orgSelect('list', { authorityId: only ?? null, status: 'active', q, limit: 50 }),
    queryFn: ({ signal }) => listOrgs({ q: q || undefined, authorityId: only, status: 'active', limit: 50 }, signal),
    enabled: authorityIds.length > 0,
    staleTime: 30_000,
  });
  const options = useMemo(() => {
    const out = (found.data?.items ?? [])
      .filter((o) => authorityIds.includes(o.authorityId))
      .map((o) => ({ value: o.id, label: o.name }));
    for (const v of value ?? [])
      if (!out.some((o) => o.value === v)) out.push({ value: v, label: names[v] ?? '（已选单位）' });
    return out;
  }, [found.data, value, names, authorityIds]);
  const remember = (list: { id: string; name: string }[]) =>
    setNames((n) => ({ ...n, ...Object.fromEntries(list.map((o) => [o.id, o.name])) }));
  const addSector = async (sector: TSector) => {
    setAdding(true);
    try {
      const hits = await Promise.all(
        authorityIds.map((authorityId) => listOrgs({ sector, authorityId, status: 'active', limit: 500 })),
      );
      const orgs = hits.flatMap((h) => h.items);
      remember(orgs);
      const next = [...new Set([...(value ?? []), ...orgs.map((o) => o.id)])];
      onChange?.(next);
      message.success(`已加入${sector}领域 ${orgs.length} 个单位`);
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setAdding(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} id={id}>
      <Select
        mode="multiple"
        value={value ?? []}
        onChange={(v: string[]) => {
          remember(options.filter((o) => v.includes(o.value)).map((o) => ({ id: o.value, name: o.label })));
          onChange?.(v);
        }}
        showSearch={{ filterOption: false, onSearch: setSearch }}
        onOpenChange={(open) => {
          if (!open) setSearch('');
        }}
        disabled={!authorityIds.length}
        loading={found.isFetching}
        placeholder={authorityIds.length ? '输入单位名称搜索' : '请先选择参与的巡察机构'}
        notFoundContent={found.isFetching ? '正在搜索…' : '没有匹配的单位'}
        options={options}
        maxTagCount={30}
        aria-label="整治范围内的单位"
      />
      <Space wrap>
        <Select<TSector>
          placeholder="按领域批量加入"
          aria-label="按领域批量加入"
          style={{ width: 180 }}
          value={null as unknown as TSector}
          disabled={!authorityIds.length || adding}
          loading={adding}
          options={SECTOR_OPTIONS}
          onChange={(s) => void addSector(s)}
        />
        <Typography.Text type="secondary">已选 {value?.length ?? 0} 个单位</Typography.Text>
        {!!value?.length && (
          <Button size="small" type="link" onClick={() => onChange?.([])}>
            清空
          </Button>
        )}
      </Space>
    </Space>
  );
}

interface CreateValues {
  termId?: string;
  fromBulletinId?: string;
  name?: string;
  description?: string;
  authorityIds?: string[];
  orgIds?: string[];
  commonProblemIds?: string[];
  period?: [Dayjs | null, Dayjs | null] | null;
}

function CreateDrawer({
  open,
  defaultTermId,
  onClose,
}: {
  open: boolean;
  defaultTermId: string | undefined;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const { home, items: authorities, loading } = useCampaignAuthorities();
  const kit = useSchemaForm({
    schema: ZCampaignCreate,
    toBody: (v: CreateValues) => ({
      termId: v.termId,
      name: v.name ?? '',
      description: optional(v.description),
      ...(v.fromBulletinId ? { fromBulletinId: v.fromBulletinId } : {}),
      authorityIds: v.authorityIds ?? [],
      orgIds: v.orgIds ?? [],
      commonProblemIds: v.commonProblemIds ?? [],
      startOn: iso(v.period?.[0]) ?? '',
      endOn: iso(v.period?.[1]) ?? '',
    }),
    rename: { startOn: 'period', endOn: 'period' },
    mutationFn: createCampaign,
    success: (c) => `已建立专项整治：${c.name}`,
    invalidate: [gk.all],
    onSuccess: (c) => {
      onClose();
      navigate(`/governance/campaigns/${c.id}`);
    },
    invalidMessage: '请检查标红的内容',
    open,
    initial: (): CreateValues | undefined => ({
      termId: defaultTermId,
      authorityIds: home ? [home] : [],
      orgIds: [],
      commonProblemIds: [],
    }),
  });
  const termId = Form.useWatch('termId', kit.form);
  const authorityIds = Form.useWatch('authorityIds', kit.form) ?? [];
  const bulletins = useTermBulletins(open ? termId : undefined);
  const fromBulletin = (id: string | undefined) => {
    const b = bulletins.data?.items.find((x) => x.id === id);
    if (!b) return;
    const patch: Partial<CreateValues> = { commonProblemIds: b.commonProblems.map((p) => p.id) };
    if (!kit.form.getFieldValue('name')) patch.name = `${b.sector}领域共性问题专项整治`;
    kit.form.setFieldsValue(patch as never);
  };
  return (
    <FormDrawer
      kit={kit}
      title="新建专项整治"
      open={open}
      onClose={onClose}
      size={860}
      okText="建立"
      name="campaignCreate"
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Field name="termId" label="届次" required>
            <TermField />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field name="fromBulletinId" label="依据的分类通报" extra="选择后带入通报的共性问题">
            <Select
              allowClear
              disabled={!termId}
              loading={!!termId && bulletins.isPending}
              placeholder="手工建立可不选"
              onChange={(v?: string) => fromBulletin(v)}
              options={(bulletins.data?.items ?? []).map((b) => ({
                value: b.id,
                label: `${b.number ?? '未编号'} ${b.title}`,
              }))}
            />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="name" label="专项整治名称" required>
            <Input maxLength={100} showCount placeholder="如：黑车非法营运专项整治" />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="commonProblemIds" label="整治的共性问题" required>
            <ProblemSelect termId={termId} />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field name="period" label="整治期间" required>
            <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['开始日期', '结束日期']} />
          </Field>
        </Col>
        <Col xs={24} md={12}>
          <Field name="authorityIds" label="参与的巡察机构" required extra="本级和下级巡察机构同步开展">
            <Select
              mode="multiple"
              loading={loading}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="输入名称搜索"
              options={authorities.map((a) => ({
                value: a.id,
                label: `${a.name}（${AUTHORITY_LEVEL_LABELS[a.level]}）`,
              }))}
            />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="orgIds" label="整治范围内的单位" extra="范围内的单位须报送整治情况；未报送的单位在台账中列出">
            <OrgMultiSelect authorityIds={authorityIds} />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="description" label="整治内容">
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={5000} showCount />
          </Field>
        </Col>
      </Row>
    </FormDrawer>
  );
}

/** 专项整治: campaigns of the city and counties in step, each with its ledger. */
export default function CampaignsPage() {
  usePageMeta([]);
  const roles = useGovRoles();
  const navigate = useNavigate();
  const { filters, pages, query, set, reset } = useUrlFilters(read, write);
  const defaultTermId = useDefaultTermId(filters.termId);
  const [creating, setCreating] = useState(false);
  const list = useQuery({
    queryKey: gk.campaigns(query),
    queryFn: ({ signal }) => listCampaigns(query, signal),
    placeholderData: keepPreviousData,
  });
  const filtered = !!(filters.termId || filters.q);
  const columns: TableColumnsType<TCampaignItem> = [
    {
      title: '专项整治',
      dataIndex: 'name',
      ellipsis: true,
      render: (n: string, c) => <Link to={`/governance/campaigns/${c.id}`}>{n}</Link>,
    },
    {
      title: '共性问题',
      key: 'problems',
      width: 220,
      ellipsis: true,
      render: (_, c) => c.commonProblems.map((p) => p.name).join('、'),
    },
    {
      title: '参与机构',
      key: 'authorities',
      width: 200,
      ellipsis: true,
      render: (_, c) => c.authorities.map((a) => a.name).join('、'),
    },
    { title: '整治期间', key: 'period', width: 200, render: (_, c) => `${c.startOn} 至 ${c.endOn}` },
    { title: '报送', dataIndex: 'reports', width: 70, align: 'right' },
    { title: '状态', dataIndex: 'phase', width: 90, render: (_, c) => <PhaseTag phase={c.phase} /> },
    {
      title: '来源',
      key: 'from',
      width: 160,
      ellipsis: true,
      render: (_, c) =>
        c.fromBulletin ? (
          <Link to={`/governance/bulletins/${c.fromBulletin.id}`}>{c.fromBulletin.name}</Link>
        ) : (
          '手工建立'
        ),
    },
  ];
  return (
    <div>
      <PageHeader
        title="专项整治"
        sub="针对共性问题市县同步开展专项整治；范围内单位报送自查自纠情况，台账按领域、县区、问题汇总"
        extra={
          roles.manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建专项整治
            </Button>
          )
        }
      />
      <Card>
        <Space wrap className="xc-filter-bar" style={{ marginBottom: 16 }}>
          <TermSelect value={filters.termId} onChange={(termId) => set({ termId })} width={220} />
          <FilterSearch
            value={filters.q}
            onSearch={(q) => set({ q })}
            placeholder="专项整治名称"
            label="搜索专项整治"
          />
          <ResetFiltersButton filtered={filtered} onReset={reset} />
        </Space>
        <CursorTable<TCampaignItem>
          list={list}
          pages={pages}
          columns={columns}
          width={1150}
          onOpen={(c) => navigate(`/governance/campaigns/${c.id}`)}
          empty={emptyText({ termId: filters.termId, others: !!filters.q }, '没有符合条件的专项整治', '暂无专项整治')}
        />
      </Card>
      <CreateDrawer open={creating} defaultTermId={defaultTermId} onClose={() => setCreating(false)} />
    </div>
  );
}
