import { SearchOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ORG_STATUS_LABELS, type TOrg } from '@xc/domain';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Empty,
  type GetRef,
  Input,
  List,
  Row,
  Space,
  Spin,
  Tag,
  Tree,
  Typography,
} from 'antd';
import type { DataNode, EventDataNode } from 'antd/es/tree';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorText } from '../../api/client.ts';
import { useAuthorities, useMe, usePermissions } from '../../api/hooks.ts';
import { qk } from '../../api/keys.ts';
import { getOrg, getOrgTree, listOrgs, type TOrgTreeNode } from '../../api/orgs.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { useUrlParams } from '../../components/url-filters.ts';
import { OrgDetailView } from './org-detail-view.tsx';

const ROOT = '__root__';

function NodeTitle({ n }: { n: TOrgTreeNode }) {
  return (
    <span>
      <span style={{ color: n.status === 'active' ? undefined : 'rgba(0,0,0,0.45)' }}>{n.name}</span>
      {n.status !== 'active' && (
        <Tag color={n.status === 'merged' ? 'gold' : 'red'} style={{ marginInlineStart: 6 }}>
          {ORG_STATUS_LABELS[n.status]}
        </Tag>
      )}
    </span>
  );
}

/**
 * The registry as a tree: pick an authority, expand units lazily (one request per level), click a
 * unit to see it on the right. Searching jumps to any unit and opens the tree down to it.
 */
export default function OrgTreePage() {
  usePageMeta([]);
  const { params, set } = useUrlParams({ replace: true });
  const perms = usePermissions();
  const { data: me } = useMe();
  const canPickAuthority = perms.has('authority:read');
  const authorities = useAuthorities(canPickAuthority);
  const queryClient = useQueryClient();

  const selectedId = params.get('id');
  const [authorityId, setAuthorityId] = useState<string | undefined>(
    () => params.get('authorityId') ?? me?.user.authorityId ?? undefined,
  );
  const [showAll, setShowAll] = useState(false);
  const status = showAll ? 'all' : 'active';
  const [children, setChildren] = useState<Record<string, TOrgTreeNode[]>>({});
  const [expanded, setExpanded] = useState<string[]>([]);
  const [rootError, setRootError] = useState<unknown>(null);
  const [rootLoading, setRootLoading] = useState(false);
  const [search, setSearch] = useState('');
  const [q, setQ] = useState('');
  const [pending, setPending] = useState<TOrg | null>(null);
  const treeRef = useRef<GetRef<typeof Tree>>(null);

  // Default to the first authority the user can see when the account has none of its own.
  useEffect(() => {
    if (!authorityId && authorities.data?.items[0]) setAuthorityId(authorities.data.items[0].id);
  }, [authorityId, authorities.data]);

  const fetchLevel = useCallback(
    (parentId: string | null) =>
      queryClient.fetchQuery({
        queryKey: qk.orgTree(authorityId ?? '', parentId, status),
        queryFn: () => getOrgTree({ authorityId: authorityId ?? '', parentId: parentId ?? undefined, status }),
        staleTime: 30_000,
      }),
    [queryClient, authorityId, status],
  );

  useEffect(() => {
    if (!authorityId) return;
    let live = true;
    setChildren({});
    setExpanded([]);
    setRootError(null);
    setRootLoading(true);
    fetchLevel(null)
      .then((r) => live && setChildren({ [ROOT]: r.items }))
      .catch((e) => live && setRootError(e))
      .finally(() => live && setRootLoading(false));
    return () => {
      live = false;
    };
  }, [authorityId, fetchLevel]);

  const treeData = useMemo(() => {
    const build = (nodes: TOrgTreeNode[]): DataNode[] =>
      nodes.map((n) => ({
        key: n.id,
        title: <NodeTitle n={n} />,
        isLeaf: n.childCount === 0,
        children: children[n.id] ? build(children[n.id] ?? []) : undefined,
      }));
    return build(children[ROOT] ?? []);
  }, [children]);

  const loadData = async (node: EventDataNode<DataNode>) => {
    const id = String(node.key);
    if (children[id]) return;
    const r = await fetchLevel(id);
    setChildren((c) => ({ ...c, [id]: r.items }));
  };

  const select = (id: string | null) => set({ id });

  /** Opens the tree down to `org`, loading each level on the way (switching authority first if needed). */
  const reveal = async (org: TOrg) => {
    select(org.id);
    if (org.authorityId !== authorityId) {
      setPending(org);
      setAuthorityId(org.authorityId);
      return;
    }
    try {
      const detail = await queryClient.fetchQuery({ queryKey: qk.org(org.id), queryFn: () => getOrg(org.id) });
      const ancestors = detail.path.map((p) => p.id).filter((id) => id !== org.id);
      const loaded: Record<string, TOrgTreeNode[]> = {};
      for (const id of ancestors) {
        if (!children[id]) loaded[id] = (await fetchLevel(id)).items;
      }
      setChildren((c) => ({ ...c, ...loaded }));
      setExpanded((e) => [...new Set([...e, ...ancestors])]);
      // Let the expanded levels render, then scroll the virtual list to the unit.
      setTimeout(() => treeRef.current?.scrollTo({ key: org.id, align: 'top', offset: 40 }), 150);
    } catch {
      // The detail panel shows the error for the selected unit.
    }
  };

  // After switching authority for a search hit, open the path once the new roots are in.
  const rootsLoaded = !!children[ROOT];
  useEffect(() => {
    if (pending && rootsLoaded && pending.authorityId === authorityId) {
      setPending(null);
      void reveal(pending);
    }
  });

  const results = useQuery({
    queryKey: ['orgs', 'tree-search', status, q],
    queryFn: ({ signal }) => listOrgs({ q, status, limit: 20 }, signal),
    enabled: q.length > 0,
  });

  return (
    <Row gutter={16}>
      <Col xs={24} lg={9} xl={8}>
        <Card
          title="单位树"
          extra={
            <Checkbox checked={showAll} onChange={(e) => setShowAll(e.target.checked)}>
              含已合并/撤销
            </Checkbox>
          }
        >
          <Space orientation="vertical" style={{ width: '100%' }} size={12}>
            {canPickAuthority && (
              <AuthoritySelect
                value={authorityId}
                onChange={(v) => {
                  setAuthorityId(v);
                  select(null);
                }}
                style={{ width: '100%' }}
              />
            )}
            <Input.Search
              placeholder="搜索单位名称"
              allowClear
              value={search}
              onChange={(e) => {
                setSearch(e.target.value);
                if (!e.target.value) setQ('');
              }}
              onSearch={(v) => setQ(v.trim())}
              enterButton={<SearchOutlined />}
              maxLength={60}
              aria-label="搜索单位名称"
            />
            {q && (
              <Card
                size="small"
                title={`搜索“${q}”的结果`}
                extra={
                  <Button type="link" size="small" onClick={() => setQ('')}>
                    收起
                  </Button>
                }
              >
                {results.error ? (
                  <Typography.Text type="danger">{errorText(results.error)}</Typography.Text>
                ) : (
                  <List<TOrg>
                    size="small"
                    loading={results.isFetching}
                    dataSource={results.data?.items ?? []}
                    locale={{ emptyText: '没有匹配的单位' }}
                    style={{ maxHeight: 260, overflow: 'auto' }}
                    renderItem={(o) => (
                      <List.Item
                        style={{ cursor: 'pointer', background: o.id === selectedId ? '#e6f4ff' : undefined }}
                        onClick={() => void reveal(o)}
                      >
                        <List.Item.Meta
                          title={o.name}
                          description={[o.authorityName, o.parentName, o.kind].filter(Boolean).join(' · ')}
                        />
                      </List.Item>
                    )}
                  />
                )}
                {results.data && results.data.total > results.data.items.length && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    共 {results.data.total} 个结果，仅显示前 {results.data.items.length} 个，请输入更完整的名称
                  </Typography.Text>
                )}
              </Card>
            )}
            {rootError ? <ErrorAlert error={rootError} /> : null}
            {rootLoading ? (
              <div style={{ textAlign: 'center', padding: 24 }}>
                <Spin />
              </div>
            ) : !authorityId ? (
              <Empty description="请先选择巡察机构" />
            ) : treeData.length === 0 && !rootError ? (
              <Empty description="该巡察机构下暂无单位，可在“单位列表”中新增或批量导入" />
            ) : (
              <Tree
                ref={treeRef}
                treeData={treeData}
                loadData={loadData}
                expandedKeys={expanded}
                onExpand={(keys) => setExpanded(keys.map(String))}
                selectedKeys={selectedId ? [selectedId] : []}
                onSelect={(keys) => select(keys[0] ? String(keys[0]) : null)}
                height={600}
                virtual
                blockNode
                showLine
              />
            )}
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={15} xl={16}>
        {selectedId ? (
          <OrgDetailView key={selectedId} id={selectedId} compact />
        ) : (
          <Card>
            <Empty description="在左侧选择或搜索一个单位，查看其详细信息" style={{ padding: 48 }} />
          </Card>
        )}
      </Col>
    </Row>
  );
}
