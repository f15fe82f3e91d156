import { TEAM_ROLE_LABELS, type TTeamRole, ZTeamMemberAdd } from '@xc/domain';
import { Alert, Button, Divider, Input, Modal, Space, Typography } from 'antd';
import { Field, SchemaForm, useSchemaForm } from '../../components/form-kit/index.ts';
import { ReasonList } from './shared.tsx';

/** The exception's reason as the add route takes it (at least 10 字). */
const ZOverride = ZTeamMemberAdd.shape.override.unwrap();

export interface RecusalConflict {
  inspectorId: string;
  name: string;
  role: TTeamRole;
  reasons: { rule: string; detail: string }[];
}

/**
 * The answer to a blocked assignment (domain.md §5): the reasons, and for an office leader the
 * written exception (≥ 10 字) that lets the person join anyway, recorded and audited.
 */
export function RecusalConflictModal({
  conflict,
  teamName,
  canOverride,
  onOverride,
  onClose,
}: {
  conflict: RecusalConflict | null;
  teamName: string;
  canOverride: boolean;
  /** Resolves true when the member was added with the exception. */
  onOverride: (c: RecusalConflict, reason: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const kit = useSchemaForm({
    schema: ZOverride,
    toBody: (v: { reason?: string }) => ({ reason: v.reason ?? '' }),
    // The add itself, with its toasts, is the team page's; this form only asks for the reason.
    mutationFn: async ({ reason }) => (conflict ? onOverride(conflict, reason) : false),
    onSuccess: (added) => added && onClose(),
    open: !!conflict,
    openKey: conflict ? `${conflict.inspectorId}:${conflict.role}` : undefined,
  });

  return (
    <Modal
      open={!!conflict}
      title="存在回避情形，不能加入"
      onCancel={onClose}
      width={620}
      destroyOnHidden
      footer={
        canOverride ? (
          <Space>
            <Button onClick={onClose}>取消</Button>
            <Button danger type="primary" loading={kit.pending} onClick={() => void kit.submit()}>
              记录例外并加入
            </Button>
          </Space>
        ) : (
          <Button type="primary" onClick={onClose}>
            知道了
          </Button>
        )
      }
    >
      {conflict && (
        <>
          <Alert
            type="error"
            showIcon
            title={`${conflict.name}不能以${TEAM_ROLE_LABELS[conflict.role]}身份加入${teamName}`}
            description={
              <>
                <div style={{ marginBottom: 4 }}>与本组巡察对象存在以下回避情形：</div>
                <ReasonList reasons={conflict.reasons} />
              </>
            }
          />
          {canOverride ? (
            <>
              <Divider titlePlacement="start">回避例外</Divider>
              <Typography.Paragraph type="secondary">
                确因工作需要由其参加本组的，可由巡察办领导书面说明理由后作为例外加入。
              </Typography.Paragraph>
              <SchemaForm kit={kit} name="recusalOverride">
                <Field name="reason" label="例外理由" required>
                  <Input.TextArea
                    autoSize={{ minRows: 3, maxRows: 6 }}
                    maxLength={500}
                    showCount
                    placeholder="说明为何必须由其参加、回避情形的实际影响及采取的防范措施（不少于10个字）"
                  />
                </Field>
              </SchemaForm>
              <Alert
                type="warning"
                showIcon
                title="例外将被记录并审计"
                description="系统将记录您的姓名、时间和理由，写入审计日志；该成员在巡察组名单中将持续标示回避情形和例外理由。"
              />
            </>
          ) : (
            <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
              请另选人员。确因工作需要作为例外的，须由巡察办领导书面说明理由后办理。
            </Typography.Paragraph>
          )}
        </>
      )}
    </Modal>
  );
}
