import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  PHRASE_KIND_LABELS,
  type TPhraseKind,
  ZPhrase,
  ZPhraseCreate,
  ZPhraseUpdate,
  ZRegulationCreate,
  ZRegulationOut,
  ZRegulationUpdate,
} from '@xc/domain';
import { Button, Input, Popconfirm, Space, type TableColumnsType, Typography } from 'antd';
import { useMemo, useState } from 'react';
import {
  createPhrase,
  createRegulation,
  deletePhrase,
  fwk,
  listPhrases,
  listRegulations,
  type TPhraseOut,
  type TRegulationOut,
  updatePhrase,
  updateRegulation,
} from '../../api/fieldwork.ts';
import { useCursorPages } from '../../components/cursor-pager.tsx';
import { CursorTable } from '../../components/cursor-table.tsx';
import { FilterSearch } from '../../components/filter-bar.tsx';
import { Field, FormModal, optional, useAction, useSchemaForm } from '../../components/form-kit/index.ts';
import { TaxonomySelect, useTaxonomy } from './shared.tsx';

/* ---------- 定性依据库 ---------- */

interface RegulationValues {
  code?: string;
  title?: string;
  article?: string;
  text?: string;
  version?: number;
}

function RegulationModal({
  authorityId,
  editing,
  open,
  onClose,
}: {
  authorityId: string;
  editing: TRegulationOut | null;
  open: boolean;
  onClose: () => void;
}) {
  const kit = useSchemaForm({
    schema: editing ? ZRegulationUpdate : ZRegulationCreate,
    toBody: (v: RegulationValues) => ({
      ...(editing ? { version: v.version } : {}),
      code: v.code ?? '',
      title: v.title ?? '',
      article: v.article ?? '',
      text: v.text ?? '',
    }),
    mutationFn: (body) =>
      editing
        ? updateRegulation(editing.id, body as Parameters<typeof updateRegulation>[1])
        : createRegulation(authorityId, body as Parameters<typeof createRegulation>[1]),
    success: editing ? '定性依据已保存' : '已新增定性依据',
    invalidate: [fwk.all],
    onSuccess: onClose,
    conflict: { schema: ZRegulationOut, reload: (c) => (c ? { ...c } : undefined) },
    open,
    openKey: editing?.id ?? 'new',
    initial: (): RegulationValues => (editing ? { ...editing } : { title: '《》' }),
  });
  return (
    <FormModal
      kit={kit}
      title={editing ? '修改定性依据' : '新增定性依据'}
      open={open}
      onClose={onClose}
      width={720}
      name="regulation"
    >
      <Field name="title" label="法规名称" required extra="写在书名号内，如：《中国共产党纪律处分条例》">
        <Input maxLength={100} />
      </Field>
      <Space size={16} style={{ display: 'flex' }}>
        <Field name="article" label="条款" required>
          <Input maxLength={40} placeholder="如：第一百一十三条" style={{ width: 240 }} />
        </Field>
        <Field name="code" label="简称编码" required extra="字母、数字和 . _ -，如 jlcf-113">
          <Input maxLength={40} style={{ width: 240 }} />
        </Field>
      </Space>
      <Field name="text" label="条文内容" required>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={2000} showCount />
      </Field>
    </FormModal>
  );
}

export function RegulationsTab({ authorityId, canManage }: { authorityId: string; canManage: boolean }) {
  const [q, setQ] = useState<string | undefined>();
  const [modal, setModal] = useState<{ editing: TRegulationOut | null } | null>(null);
  const pages = useCursorPages(`${authorityId}|${q ?? ''}`);
  const query = { authorityId, q, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: fwk.regulations(query),
    queryFn: ({ signal }) => listRegulations(query, signal),
    placeholderData: keepPreviousData,
  });
  const columns: TableColumnsType<TRegulationOut> = [
    { title: '法规名称', dataIndex: 'title', width: 260 },
    { title: '条款', dataIndex: 'article', width: 140 },
    {
      title: '条文内容',
      dataIndex: 'text',
      render: (v: string) => (
        <Typography.Paragraph ellipsis={{ rows: 3, expandable: true, symbol: '展开' }} style={{ margin: 0 }}>
          {v}
        </Typography.Paragraph>
      ),
    },
    { title: '编码', dataIndex: 'code', width: 120 },
    ...(canManage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_v: unknown, r: TRegulationOut) => (
              <Button size="small" icon={<EditOutlined />} onClick={() => setModal({ editing: r })}>
                修改
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <div className="xc-toolbar">
        <FilterSearch
          value={q}
          onSearch={setQ}
          placeholder="法规名称、条款或条文关键词"
          label="搜索定性依据"
          width={320}
        />
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ editing: null })}>
            新增定性依据
          </Button>
        )}
      </div>
      <CursorTable<TRegulationOut>
        list={list}
        pages={pages}
        columns={columns}
        width={1100}
        empty={{ filtered: !!q, whenFiltered: '没有找到相关条款', whenEmpty: '定性依据库为空' }}
      />
      <RegulationModal
        authorityId={authorityId}
        editing={modal?.editing ?? null}
        open={!!modal}
        onClose={() => setModal(null)}
      />
    </>
  );
}

/* ---------- 问题语言库 / 建议语言库 ---------- */

interface PhraseValues {
  taxonomyNodeId?: string | null;
  text?: string;
  version?: number;
}

function PhraseModal({
  authorityId,
  kind,
  editing,
  open,
  onClose,
}: {
  authorityId: string;
  kind: TPhraseKind;
  editing: TPhraseOut | null;
  open: boolean;
  onClose: () => void;
}) {
  const kit = useSchemaForm({
    schema: editing ? ZPhraseUpdate : ZPhraseCreate,
    toBody: (v: PhraseValues) =>
      editing
        ? { version: v.version, taxonomyNodeId: v.taxonomyNodeId ?? null, text: v.text ?? '' }
        : { kind, taxonomyNodeId: v.taxonomyNodeId ?? undefined, text: optional(v.text) ?? '' },
    mutationFn: (body) =>
      editing
        ? updatePhrase(editing.id, body as Parameters<typeof updatePhrase>[1])
        : createPhrase(authorityId, body as Parameters<typeof createPhrase>[1]),
    success: editing ? '语句已保存' : '已新增语句',
    invalidate: [fwk.all],
    onSuccess: onClose,
    conflict: { schema: ZPhrase, reload: (c) => (c ? { ...c } : undefined) },
    open,
    openKey: editing?.id ?? `new-${kind}`,
    initial: (): PhraseValues =>
      editing ? { taxonomyNodeId: editing.taxonomyNodeId, text: editing.text, version: editing.version } : {},
  });
  return (
    <FormModal
      kit={kit}
      title={`${editing ? '修改' : '新增'}${PHRASE_KIND_LABELS[kind]}语句`}
      open={open}
      onClose={onClose}
      width={720}
      name="phrase"
    >
      <Field name="taxonomyNodeId" label="适用的问题分类">
        <TaxonomySelect authorityId={authorityId} placeholder="不限分类" />
      </Field>
      <Field name="text" label="语句内容" required>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={1000} showCount />
      </Field>
    </FormModal>
  );
}

export function PhrasesTab({
  authorityId,
  kind,
  canManage,
}: {
  authorityId: string;
  kind: TPhraseKind;
  canManage: boolean;
}) {
  const [q, setQ] = useState<string | undefined>();
  const [node, setNode] = useState<string | undefined>();
  const [modal, setModal] = useState<{ editing: TPhraseOut | null } | null>(null);
  const tree = useTaxonomy(authorityId);
  const names = useMemo(() => new Map((tree.data?.items ?? []).map((n) => [n.id, n.name])), [tree.data]);
  const pages = useCursorPages(`${authorityId}|${kind}|${q ?? ''}|${node ?? ''}`);
  const query = { authorityId, kind, q, taxonomyNodeId: node, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: fwk.phrases(query),
    queryFn: ({ signal }) => listPhrases(query, signal),
    placeholderData: keepPreviousData,
  });
  const remove = useAction((p: TPhraseOut) => deletePhrase(p.id, p.version), {
    success: '语句已删除',
    invalidate: [fwk.all],
  });
  const columns: TableColumnsType<TPhraseOut> = [
    { title: '语句', dataIndex: 'text', render: (v: string) => <div style={{ whiteSpace: 'pre-wrap' }}>{v}</div> },
    {
      title: '适用分类',
      dataIndex: 'taxonomyNodeId',
      width: 240,
      render: (v: string | null) => (v ? (names.get(v) ?? '—') : '不限'),
    },
    ...(canManage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 150,
            render: (_v: unknown, p: TPhraseOut) => (
              <Space size={4}>
                <Button size="small" icon={<EditOutlined />} onClick={() => setModal({ editing: p })}>
                  修改
                </Button>
                <Popconfirm
                  title="删除这条语句？"
                  description="已引用这条语句的问题和报告不受影响。"
                  okText="删除"
                  okButtonProps={{ danger: true }}
                  onConfirm={() => remove.run(p)}
                >
                  <Button size="small" danger icon={<DeleteOutlined />} aria-label="删除语句" />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <div className="xc-toolbar">
        <Space wrap>
          <TaxonomySelect
            authorityId={authorityId}
            value={node}
            onChange={setNode}
            width={260}
            placeholder="按问题分类筛选"
          />
          <FilterSearch value={q} onSearch={setQ} placeholder="关键词" label="搜索语句" />
        </Space>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal({ editing: null })}>
            新增语句
          </Button>
        )}
      </div>
      <CursorTable<TPhraseOut>
        list={list}
        pages={pages}
        columns={columns}
        width={900}
        empty={{
          filtered: !!q || !!node,
          whenFiltered: '没有符合条件的语句',
          whenEmpty: `${PHRASE_KIND_LABELS[kind]}为空`,
        }}
      />
      <PhraseModal
        authorityId={authorityId}
        kind={kind}
        editing={modal?.editing ?? null}
        open={!!modal}
        onClose={() => setModal(null)}
      />
    </>
  );
}
