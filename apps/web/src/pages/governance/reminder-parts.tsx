import { PaperClipOutlined } from '@ant-design/icons';
import { RECIPIENT_KIND_LABELS, REMINDER_JUDGEMENT_LABELS } from '@xc/domain';
import { Button, Card, Descriptions, Empty, List, Space, Tag, Typography } from 'antd';
import { downloadGovernanceFile, type TReminderOut } from '../../api/governance.ts';
import { useExport } from '../../components/form-kit/index.ts';
import { FindingRefs } from './finding-refs.tsx';
import { DueDateTag, ReadTag, ReminderStatusTag } from './shared.tsx';

type TAnswer = TReminderOut['answers'][number];

/** An answer's attachments, by their own names. */
export function AnswerFiles({ files }: { files: readonly { id: string; name: string }[] }) {
  const dl = useExport((id: string, name: string) => downloadGovernanceFile(id, name), '已下载');
  if (!files.length) return null;
  return (
    <Space wrap size={4}>
      {files.map((f) => (
        <Button
          key={f.id}
          size="small"
          type="link"
          icon={<PaperClipOutlined />}
          loading={dl.running?.[0] === f.id}
          onClick={() => void dl.run(f.id, f.name)}
        >
          {f.name}
        </Button>
      ))}
    </Space>
  );
}

const JUDGEMENT_COLOURS = { answered: 'green', insufficient: 'red' } as const;

/** The answers, newest first, with the office's judgement of each. */
export function AnswerList({ answers }: { answers: readonly TAnswer[] }) {
  const rows = [...answers].sort((a, b) => b.answeredOn.localeCompare(a.answeredOn));
  return (
    <List
      dataSource={rows}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未答复" /> }}
      renderItem={(a) => (
        <List.Item>
          <div style={{ width: '100%' }}>
            <Space wrap style={{ marginBottom: 4 }}>
              <Typography.Text strong>{a.answeredOn}</Typography.Text>
              {a.answeredByName && <Typography.Text type="secondary">{a.answeredByName}</Typography.Text>}
              {a.judgement ? (
                <Tag color={JUDGEMENT_COLOURS[a.judgement]}>
                  {a.judgement === 'answered' ? '已认可' : '答复不充分'}（{a.judgedOn}）
                </Tag>
              ) : (
                <Tag color="blue">待审核</Tag>
              )}
            </Space>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
              {a.whatWasDone}
            </Typography.Paragraph>
            <AnswerFiles files={a.files} />
            {a.comment && (
              <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                审核意见：{a.comment}
              </Typography.Paragraph>
            )}
          </div>
        </List.Item>
      )}
    />
  );
}

/**
 * The reminder itself: to whom, about what, by when, and the answers. `findings` lists the
 * findings it names, for the office; a recipient is told only how many (the findings are the
 * office's to read: GET /api/governance/findings needs governance:read, and answered 403 here).
 */
export function ReminderBody({ r, findings = true }: { r: TReminderOut; findings?: boolean }) {
  return (
    <>
      <Descriptions column={2} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label="接收对象">
          {r.recipient.name}（{RECIPIENT_KIND_LABELS[r.recipient.kind]}）
        </Descriptions.Item>
        <Descriptions.Item label="状态">
          <ReminderStatusTag status={r.status} />
        </Descriptions.Item>
        <Descriptions.Item label="发出日期">{r.sentOn}</Descriptions.Item>
        <Descriptions.Item label="答复期限">
          <DueDateTag due={r.dueOn} colour={r.colour} />
        </Descriptions.Item>
        <Descriptions.Item label="领域">{r.sector ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="阅读">
          {r.recipient.userId || r.recipient.orgId ? <ReadTag readAt={r.recipient.readAt} /> : '线下送达'}
        </Descriptions.Item>
        <Descriptions.Item label="共性问题" span={2}>
          {r.commonProblems.length ? (
            <Space wrap>
              {r.commonProblems.map((p) => (
                <Tag key={p.id} color="purple">
                  {p.name}
                </Tag>
              ))}
            </Space>
          ) : (
            '—'
          )}
        </Descriptions.Item>
        {!findings && r.findingIds.length > 0 && (
          <Descriptions.Item label="涉及问题" span={2}>
            巡察发现的问题 {r.findingIds.length} 个
          </Descriptions.Item>
        )}
        <Descriptions.Item label="提示内容" span={2}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{r.content}</Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
      {findings && r.findingIds.length > 0 && (
        <Card size="small" title={`涉及的问题（${r.findingIds.length}）`} style={{ marginBottom: 16 }}>
          <FindingRefs ids={r.findingIds} />
        </Card>
      )}
      <Card size="small" title={`答复（${r.answers.length}）`}>
        <AnswerList answers={r.answers} />
      </Card>
    </>
  );
}

export const JUDGEMENT_OPTIONS = (['answered', 'insufficient'] as const).map((j) => ({
  value: j,
  label: j === 'answered' ? '认可' : '不充分',
  title: REMINDER_JUDGEMENT_LABELS[j],
}));
