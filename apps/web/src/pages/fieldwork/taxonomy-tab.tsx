import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  TAXONOMY_LEVEL_LABELS,
  TAXONOMY_LEVELS,
  type TTaxonomyLevel,
  ZTaxonomyNode,
  ZTaxonomyNodeCreate,
  ZTaxonomyNodeUpdate,
} from '@xc/domain';
import { Alert, Button, Empty, Input, InputNumber, Popconfirm, Space, Tree, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import {
  createTaxonomyNode,
  deleteTaxonomyNode,
  fwk,
  type TTaxonomyNodeOut,
  updateTaxonomyNode,
} from '../../api/fieldwork.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, FormModal, optional, useAction, useSchemaForm } from '../../components/form-kit/index.ts';
import { FullPageSpin } from '../../components/full-page-spin.tsx';
import { TaxonomyLevelTag, taxonomyTree, useTaxonomy } from './shared.tsx';

const CHILD_LEVEL: Partial<Record<TTaxonomyLevel, TTaxonomyLevel>> = { framework: 'aspect', aspect: 'type' };
const PARENT_LEVEL: Partial<Record<TTaxonomyLevel, TTaxonomyLevel>> = { aspect: 'framework', type: 'aspect' };

interface NodeValues {
  parentId?: string | null;
  name?: string;
  shortName?: string;
  sortOrder?: number | null;
  version?: number;
}

type TEditing =
  | { mode: 'create'; level: TTaxonomyLevel; parentId: string | null }
  | { mode: 'edit'; node: TTaxonomyNodeOut };

function NodeModal({
  authorityId,
  nodes,
  editing,
  onClose,
}: {
  authorityId: string;
  nodes: TTaxonomyNodeOut[];
  editing: TEditing | null;
  onClose: () => void;
}) {
  const level = editing ? (editing.mode === 'create' ? editing.level : editing.node.level) : 'framework';
  const node = editing?.mode === 'edit' ? editing.node : null;
  const kit = useSchemaForm({
    schema: node ? ZTaxonomyNodeUpdate : ZTaxonomyNodeCreate,
    toBody: (v: NodeValues) =>
      node
        ? {
            version: v.version,
            parentId: v.parentId ?? null,
            name: v.name ?? '',
            shortName: v.shortName ?? '',
            sortOrder: v.sortOrder ?? 0,
          }
        : {
            parentId: v.parentId ?? null,
            level,
            name: v.name ?? '',
            shortName: optional(v.shortName),
            sortOrder: v.sortOrder ?? 0,
          },
    mutationFn: (body) =>
      node
        ? updateTaxonomyNode(node.id, body as Parameters<typeof updateTaxonomyNode>[1])
        : createTaxonomyNode(authorityId, body as Parameters<typeof createTaxonomyNode>[1]),
    success: node ? '分类已保存' : `已新增${TAXONOMY_LEVEL_LABELS[level]}`,
    invalidate: [fwk.taxonomy(authorityId)],
    onSuccess: onClose,
    conflict: { schema: ZTaxonomyNode, reload: (c) => (c ? { ...c, shortName: c.shortName ?? '' } : undefined) },
    open: !!editing,
    openKey: node ? node.id : `${level}-${editing?.mode === 'create' ? (editing.parentId ?? '') : ''}`,
    initial: (): NodeValues =>
      node
        ? {
            parentId: node.parentId,
            name: node.name,
            shortName: node.shortName ?? '',
            sortOrder: node.sortOrder,
            version: node.version,
          }
        : {
            parentId: editing?.mode === 'create' ? editing.parentId : null,
            sortOrder:
              nodes.filter((n) => n.parentId === (editing?.mode === 'create' ? editing.parentId : null)).length + 1,
          },
  });
  const parentLevel = PARENT_LEVEL[level];
  const parents = useMemo(() => {
    if (!parentLevel) return [];
    // A node moves under another of its parent's level; the tree shows the way down to it.
    const keep = (t: ReturnType<typeof taxonomyTree>): ReturnType<typeof taxonomyTree> =>
      t
        .filter((o) => o.level !== 'type')
        .map((o) => ({
          ...o,
          disabled: o.level !== parentLevel,
          children: o.level === parentLevel ? [] : keep(o.children),
        }));
    return keep(taxonomyTree(nodes));
  }, [nodes, parentLevel]);
  return (
    <FormModal
      kit={kit}
      title={node ? `修改${TAXONOMY_LEVEL_LABELS[level]}` : `新增${TAXONOMY_LEVEL_LABELS[level]}`}
      open={!!editing}
      onClose={onClose}
      name="taxonomyNode"
      width={600}
    >
      {parentLevel && (
        <Field name="parentId" label={`上级${TAXONOMY_LEVEL_LABELS[parentLevel]}`} required>
          <TreeSelect treeData={parents} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
        </Field>
      )}
      <Field name="name" label="分类名称" required>
        <Input maxLength={100} />
      </Field>
      <Space size={16}>
        <Field name="shortName" label="简称">
          <Input maxLength={20} style={{ width: 220 }} placeholder="用于表格和图表，如：党的领导" />
        </Field>
        <Field name="sortOrder" label="排序号">
          <InputNumber min={0} max={9999} precision={0} />
        </Field>
      </Space>
    </FormModal>
  );
}

/**
 * 问题分类 as a tree the office edits: 监督框架 → 监督方面 → 问题类型. A node in use by findings or
 * phrases cannot be deleted (the server answers why); moving a node is checked on the whole tree.
 */
export function TaxonomyTab({ authorityId, canManage }: { authorityId: string; canManage: boolean }) {
  const tree = useTaxonomy(authorityId);
  const [editing, setEditing] = useState<TEditing | null>(null);
  const nodes = tree.data?.items ?? [];
  const remove = useAction((n: TTaxonomyNodeOut) => deleteTaxonomyNode(n.id, n.version), {
    success: (_r, n) => `已删除${TAXONOMY_LEVEL_LABELS[n.level]}“${n.name}”`,
    invalidate: [fwk.taxonomy(authorityId)],
  });
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const data = useMemo(() => {
    type TTreeItem = { key: string; title: React.ReactNode; children: TTreeItem[] };
    const render = (items: ReturnType<typeof taxonomyTree>): TTreeItem[] =>
      items.map((o) => {
        const n = byId.get(o.value) as TTaxonomyNodeOut;
        const child = CHILD_LEVEL[o.level];
        return {
          key: o.value,
          children: render(o.children),
          title: (
            <Space size={4} wrap>
              <TaxonomyLevelTag level={o.level} />
              <span>{o.title}</span>
              {n.shortName && <Typography.Text type="secondary">（{n.shortName}）</Typography.Text>}
              {canManage && (
                <span>
                  {child && (
                    <Button
                      size="small"
                      type="link"
                      icon={<PlusOutlined />}
                      onClick={() => setEditing({ mode: 'create', level: child, parentId: n.id })}
                    >
                      {TAXONOMY_LEVEL_LABELS[child]}
                    </Button>
                  )}
                  <Button
                    size="small"
                    type="link"
                    icon={<EditOutlined />}
                    onClick={() => setEditing({ mode: 'edit', node: n })}
                  >
                    修改
                  </Button>
                  {o.children.length === 0 && (
                    <Popconfirm
                      title={`删除“${n.name}”？`}
                      description="已用于问题或语言库的分类不能删除。"
                      okText="删除"
                      okButtonProps={{ danger: true }}
                      onConfirm={() => remove.run(n)}
                    >
                      <Button size="small" type="link" danger icon={<DeleteOutlined />} aria-label={`删除${n.name}`} />
                    </Popconfirm>
                  )}
                </span>
              )}
            </Space>
          ),
        };
      });
    return render(taxonomyTree(nodes));
  }, [nodes, byId, canManage, remove]);

  if (tree.isPending) return <FullPageSpin />;
  if (tree.error) return <ErrorAlert error={tree.error} onRetry={() => void tree.refetch()} />;
  return (
    <>
      <div className="xc-toolbar">
        <Alert
          type="info"
          showIcon
          title={`分为${TAXONOMY_LEVELS.map((l) => TAXONOMY_LEVEL_LABELS[l]).join('、')}三级，问题可以归到任一级；筛选某一分类时包含其下各级`}
        />
        {canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing({ mode: 'create', level: 'framework', parentId: null })}
          >
            新增监督框架
          </Button>
        )}
      </div>
      {nodes.length === 0 ? (
        <Empty description="尚无问题分类" />
      ) : (
        <Tree
          treeData={data}
          defaultExpandedKeys={nodes.filter((n) => n.level === 'framework').map((n) => n.id)}
          blockNode
          selectable={false}
          showLine
        />
      )}
      <NodeModal authorityId={authorityId} nodes={nodes} editing={editing} onClose={() => setEditing(null)} />
    </>
  );
}
