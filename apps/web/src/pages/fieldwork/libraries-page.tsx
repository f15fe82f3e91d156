import { Card, Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { usePermissions } from '../../api/hooks.ts';
import { usePageMeta } from '../../app/page-meta.tsx';
import { AuthoritySelect } from '../../components/authority-select.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useHomeAuthorityId } from '../planning/shared.tsx';
import { PhrasesTab, RegulationsTab } from './library-tabs.tsx';
import { SettingsTab } from './settings-tab.tsx';
import { isUuid } from './shared.tsx';
import { TaxonomyTab } from './taxonomy-tab.tsx';
import './fieldwork.css';

const TABS = ['regulations', 'taxonomy', 'problem', 'suggestion', 'settings'] as const;
type TTab = (typeof TABS)[number];

/** 业务库与设置: the libraries a 巡察办 keeps for its teams, one set per authority. */
export default function LibrariesPage() {
  usePageMeta([]);
  const perms = usePermissions();
  const canManage = perms.has('library:manage');
  const home = useHomeAuthorityId();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab') ?? 'regulations';
  const tab: TTab = (TABS as readonly string[]).includes(raw) ? (raw as TTab) : 'regulations';
  const chosen = params.get('authorityId');
  const authorityId = isUuid(chosen) ? chosen : home;
  const set = (patch: { tab?: string; authorityId?: string }) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p);
  };

  return (
    <div>
      <PageHeader
        title="业务库与设置"
        sub="定性依据库、问题分类、问题语言库和建议语言库，以及底稿编号、线索接收单位等设置"
        extra={
          <Space>
            <Typography.Text type="secondary">巡察机构</Typography.Text>
            <AuthoritySelect value={authorityId} onChange={(v) => set({ authorityId: v })} style={{ width: 240 }} />
          </Space>
        }
      />
      <Card>
        {authorityId ? (
          <Tabs
            activeKey={tab}
            onChange={(k) => set({ tab: k })}
            destroyOnHidden
            items={[
              {
                key: 'regulations',
                label: '定性依据库',
                children: <RegulationsTab authorityId={authorityId} canManage={canManage} />,
              },
              {
                key: 'taxonomy',
                label: '问题分类',
                children: <TaxonomyTab authorityId={authorityId} canManage={canManage} />,
              },
              {
                key: 'problem',
                label: '问题语言库',
                children: <PhrasesTab authorityId={authorityId} kind="problem" canManage={canManage} />,
              },
              {
                key: 'suggestion',
                label: '建议语言库',
                children: <PhrasesTab authorityId={authorityId} kind="suggestion" canManage={canManage} />,
              },
              {
                key: 'settings',
                label: '设置',
                children: <SettingsTab authorityId={authorityId} canManage={canManage} />,
              },
            ]}
          />
        ) : (
          <Typography.Text type="secondary">请选择巡察机构</Typography.Text>
        )}
      </Card>
    </div>
  );
}
