import { useQuery } from '@tanstack/react-query';
import {
  DEFAULT_FIELDWORK_SETTINGS,
  MEETING_KIND_LABELS,
  reportHeardOn,
  stageIndex,
  type TMeetingKind,
} from '@xc/domain';
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { fwk, getFieldworkSettings, listMeetings } from '../../api/fieldwork.ts';
import { usePermissions } from '../../api/hooks.ts';
import type { TInspectionDetailOut } from '../../api/planning.ts';
import { DeadlineTag } from '../planning/shared.tsx';

/**
 * 报告听取: whether the meeting that must hear the report (书记专题会 by default, a setting) has heard
 * it, the time limit after leaving the site, and why 反馈 cannot be held yet (the server's reason on
 * the stage action).
 */
export function HearingCard({
  inspection,
  linkToReport = true,
}: {
  inspection: TInspectionDetailOut;
  /** The report page shows the card too, without a link to itself. */
  linkToReport?: boolean;
}) {
  const perms = usePermissions();
  const canMeetings = perms.has('meeting:read');
  const meetings = useQuery({
    queryKey: fwk.meetings({ inspectionId: inspection.id, limit: 200 }),
    queryFn: ({ signal }) => listMeetings({ inspectionId: inspection.id, limit: 200 }, signal),
    enabled: canMeetings,
  });
  const settings = useQuery({
    queryKey: fwk.settings(inspection.authorityId),
    queryFn: () => getFieldworkSettings(inspection.authorityId),
    enabled: perms.has('fieldwork:read'),
    staleTime: 5 * 60_000,
  });
  const kinds: readonly TMeetingKind[] =
    settings.data?.settings.reportHearingKinds ?? DEFAULT_FIELDWORK_SETTINGS.reportHearingKinds;
  const items = meetings.data?.items ?? [];
  const heardOn = reportHeardOn(items, { exitDate: inspection.exitDate, kinds });
  const deadline = inspection.deadlines.find((d) => d.key === 'reportAfterExit');
  const toFeedback = inspection.actions.find((a) => a.to === 'feedback' && a.direction === 'forward');
  if (stageIndex(inspection.stage) < stageIndex('onSite')) return null;

  return (
    <Card
      size="small"
      title="巡察报告与听取"
      style={{ marginBottom: 16 }}
      extra={
        linkToReport &&
        perms.has('report:read') && <Link to={`/reports/inspections/${inspection.id}`}>打开巡察报告</Link>
      }
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'heard',
            label: `${kinds.map((k) => MEETING_KIND_LABELS[k]).join('或')}听取`,
            children: !canMeetings ? (
              <Typography.Text type="secondary">无权查看会议记录</Typography.Text>
            ) : heardOn ? (
              <Tag color="green">已于 {heardOn} 听取</Tag>
            ) : (
              <Tag color="gold">尚未听取</Tag>
            ),
          },
          ...(deadline
            ? [
                {
                  key: 'due',
                  label: deadline.label,
                  children: (
                    <Space size={4}>
                      <span>{deadline.due ?? '撤离后计算'}</span>
                      <DeadlineTag colour={heardOn ? 'done' : deadline.colour} />
                    </Space>
                  ),
                },
              ]
            : []),
          ...(canMeetings && items.length
            ? [
                {
                  key: 'meetings',
                  label: '相关会议',
                  children: (
                    <Space direction="vertical" size={0}>
                      {items.map((m) => (
                        <Link key={m.id} to={`/reports/meetings?open=${m.id}`}>
                          {m.date} {m.title}
                        </Link>
                      ))}
                    </Space>
                  ),
                },
              ]
            : []),
          ...(toFeedback
            ? [
                {
                  key: 'feedback',
                  label: '召开反馈会',
                  children: toFeedback.allowed ? (
                    <Tag color="green">可以办理</Tag>
                  ) : (
                    <Typography.Text type="warning">{toFeedback.reason ?? '暂不能办理'}</Typography.Text>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
