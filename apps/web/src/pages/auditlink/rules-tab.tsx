import { AUDIT_ROLE_LABELS, LOGICAL_COLUMN_LABELS, type TAuditRole, type TLogicalColumn } from '@xc/domain';
import { Button, Card, Col, Collapse, Descriptions, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { TRuleOut } from '../../api/auditlink.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { newRunPath, SqlView, useRules } from './shared.tsx';

/** A parameter's default as the form would show it. */
export function paramDefault(p: TRuleOut['params'][string]): string {
  const v = p.default;
  if (p.type === 'boolean') return v ? '是' : '否';
  if (p.type === 'choices')
    return (v as string[]).map((x) => p.options?.find((o) => o.value === x)?.label ?? x).join('、');
  if (p.type === 'keywords') return (v as string[]).length ? (v as string[]).join('、') : '（全部项目）';
  if (p.type === 'amount') return `${v} 元`;
  return `${String(v)}${p.unit ?? ''}`;
}

function Inputs({ rule }: { rule: TRuleOut }) {
  return (
    <Space orientation="vertical" size={4}>
      {(Object.keys(rule.inputs) as TAuditRole[]).map((role) => (
        <div key={role}>
          <Typography.Text strong>{AUDIT_ROLE_LABELS[role]}：</Typography.Text>
          {(rule.inputs[role] ?? []).map((c) => (
            <Tag key={c}>{LOGICAL_COLUMN_LABELS[c as TLogicalColumn]}</Tag>
          ))}
          {(rule.optionalInputs[role] ?? []).map((c) => (
            <Tag key={c} bordered={false}>
              {LOGICAL_COLUMN_LABELS[c as TLogicalColumn]}（可选）
            </Tag>
          ))}
        </div>
      ))}
    </Space>
  );
}

/** The rule gallery: what each rule finds, the tables and columns it reads, its parameters and the SQL it runs. */
export function RulesTab({ inspectionId, canWrite }: { inspectionId: string; canWrite: boolean }) {
  const navigate = useNavigate();
  const q = useRules();
  if (q.error) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active />;
  return (
    <Row gutter={[16, 16]}>
      {q.data.items.map((r) => (
        <Col key={r.id} xs={24} xl={12}>
          <Card
            title={
              <Space>
                {r.name}
                <Tag>第 {r.version} 版</Tag>
              </Space>
            }
            extra={
              canWrite && (
                <Button type="primary" size="small" onClick={() => navigate(newRunPath(inspectionId, r.id))}>
                  使用此规则
                </Button>
              )
            }
            style={{ height: '100%' }}
          >
            <Typography.Paragraph>{r.summary}</Typography.Paragraph>
            <Inputs rule={r} />
            <Descriptions size="small" column={1} style={{ marginTop: 12 }} title="参数（默认值）">
              {Object.entries(r.params).map(([k, p]) => (
                <Descriptions.Item key={k} label={p.label}>
                  {paramDefault(p)}
                  <Typography.Text type="secondary">　{p.help}</Typography.Text>
                </Descriptions.Item>
              ))}
            </Descriptions>
            <Collapse
              size="small"
              items={[{ key: 'sql', label: '查看比对 SQL（只读）', children: <SqlView sql={r.previewSql} /> }]}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
