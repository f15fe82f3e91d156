import { SaveOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { PERSONNEL_SETTING_LABELS, type TPersonnelSettings, ZPersonnelSettingsUpdate } from '@xc/domain';
import { Button, Card, InputNumber, Skeleton, Switch } from 'antd';
import { useEffect } from 'react';
import { getPersonnelSettings, putPersonnelSettings } from '../../api/personnel.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, SchemaForm, useSchemaForm } from '../../components/form-kit/index.ts';

const NUMBER_KEYS = [
  'teamMin',
  'teamMax',
  'deputiesMin',
  'deputiesMax',
  'recusalYears',
  'longTermYears',
  'longColleagueYears',
] as const;
const SWITCH_KEYS = ['requireFinanceOrAudit', 'regionalRecusal'] as const;

/**
 * 组队与回避设置 of one authority. Every recusal check and team warning reads them; only the office
 * leader may change them, and the change is audited.
 */
export function PersonnelSettingsCard({ authorityId, canManage }: { authorityId: string; canManage: boolean }) {
  const key = ['personnel', 'settings', authorityId];
  const q = useQuery({ queryKey: key, queryFn: () => getPersonnelSettings(authorityId), enabled: !!authorityId });
  const kit = useSchemaForm({
    schema: ZPersonnelSettingsUpdate,
    toBody: (settings: Partial<TPersonnelSettings>) => ({ version: q.data?.version ?? 0, settings }),
    rename: { settings: '' },
    mutationFn: (body) => putPersonnelSettings(authorityId, body),
    confirm: {
      title: '修改组队与回避设置',
      content: '修改后，所有巡察组的回避审查和人员组成提示将按新设置计算。此项修改将记入审计日志。',
      okText: '确定修改',
    },
    success: '设置已保存',
    invalidate: [['personnel']],
  });
  const { form } = kit;
  useEffect(() => {
    if (q.data) form.setFieldsValue(q.data.settings);
  }, [q.data, form]);

  return (
    <Card
      size="small"
      title="组队与回避设置"
      style={{ marginTop: 16 }}
      extra={
        canManage && (
          <Button
            type="primary"
            size="small"
            icon={<SaveOutlined />}
            loading={kit.pending}
            onClick={() => void kit.submit()}
          >
            保存设置
          </Button>
        )
      }
    >
      {q.error && <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}
      {Boolean(kit.error) && <ErrorAlert error={kit.error} />}
      {q.isPending ? (
        <Skeleton active />
      ) : (
        <SchemaForm kit={kit} name="personnel-settings" layout="inline" disabled={!canManage} style={{ rowGap: 8 }}>
          {NUMBER_KEYS.map((k) => (
            <Field key={k} name={k} label={PERSONNEL_SETTING_LABELS[k]} required>
              <InputNumber min={0} max={30} precision={0} style={{ width: 80 }} />
            </Field>
          ))}
          {SWITCH_KEYS.map((k) => (
            <Field key={k} name={k} label={PERSONNEL_SETTING_LABELS[k]} valuePropName="checked">
              <Switch />
            </Field>
          ))}
        </SchemaForm>
      )}
    </Card>
  );
}
