import { BulbOutlined, CheckOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { chineseNumeral, ORG_KINDS, type TOrgKind, type TRound, type TTeam, ZInspectionCreate } from '@xc/domain';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  InputNumber,
  List,
  Row,
  Select,
  Skeleton,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { createInspection, getSuggestions, pk, type TTargetSuggestionOut } from '../../api/planning.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { Field, FormModal, useSchemaForm } from '../../components/form-kit/index.ts';

type Group = TTargetSuggestionOut['groups'][number];

function AdoptModal({
  group,
  round,
  teams,
  busyTeams,
  onClose,
}: {
  group: Group | null;
  round: TRound;
  teams: TTeam[];
  busyTeams: Set<string>;
  onClose: () => void;
}) {
  const kit = useSchemaForm({
    schema: ZInspectionCreate,
    toBody: (v: { teamId?: string | null }) => ({
      roundId: round.id,
      mode: 'ordinary',
      targetOrgIds: group?.orgs.map((o) => o.orgId) ?? [],
      teamId: v.teamId ?? undefined,
    }),
    mutationFn: createInspection,
    success: `已将${group?.orgs.map((o) => o.name).join('、')}列入${round.name}`,
    invalidate: [pk.all],
    onSuccess: onClose,
    open: !!group,
    openKey: group?.orgs.map((o) => o.orgId).join(),
    // Offer the first team without an inspection yet.
    initial: () => ({ teamId: teams.find((t) => !busyTeams.has(t.id))?.id }),
  });

  return (
    <FormModal
      kit={kit}
      title="采用推荐：新增巡察"
      open={!!group}
      onClose={onClose}
      okText="确认新增"
      name="adoptSuggestion"
      lazy
      intro={
        <>
          <Typography.Paragraph>
            将在{round.name}新增一个常规巡察（一托{group?.orgs.length ? chineseNumeral(group.orgs.length) : ''}
            ），被巡察单位：
          </Typography.Paragraph>
          <ul>
            {group?.orgs.map((o) => (
              <li key={o.orgId}>
                {o.name}
                <Typography.Text type="secondary">（{[o.kind, o.sector].filter(Boolean).join(' · ')}）</Typography.Text>
              </li>
            ))}
          </ul>
        </>
      }
    >
      <Field
        name="teamId"
        label="由哪个巡察组承担"
        extra={teams.length ? undefined : '本轮尚未组建巡察组，可先新增巡察，稍后再指定巡察组'}
      >
        <Select
          allowClear
          placeholder="选择巡察组"
          options={teams.map((t) => ({
            value: t.id,
            label: busyTeams.has(t.id) ? `${t.name}（已有巡察任务）` : t.name,
          }))}
        />
      </Field>
    </FormModal>
  );
}

/** 推荐巡察对象: groups of not-yet-covered organizations, one group per team (一托二). */
export function SuggestionPanel({
  round,
  teams,
  busyTeams,
  canWrite,
}: {
  round: TRound;
  teams: TTeam[];
  busyTeams: Set<string>;
  canWrite: boolean;
}) {
  const [teamCount, setTeamCount] = useState<number>(Math.min(30, Math.max(1, teams.length || 4)));
  const [perTeam, setPerTeam] = useState(2);
  const [kind, setKind] = useState<TOrgKind | undefined>(undefined);
  const [adopting, setAdopting] = useState<Group | null>(null);
  const q = { teams: teamCount, perTeam, kind };
  const sug = useQuery({
    queryKey: pk.suggestions(round.termId, q),
    queryFn: () => getSuggestions(round.termId, q),
  });

  return (
    <Card
      title={
        <Space>
          <BulbOutlined />
          推荐巡察对象
        </Space>
      }
      extra={
        <Typography.Text type="secondary">从本届尚未覆盖、也未列入计划的单位中按类别和领域搭配推荐</Typography.Text>
      }
    >
      <Space wrap className="xc-filter-bar">
        <span>
          巡察组数{' '}
          <InputNumber
            min={1}
            max={30}
            precision={0}
            value={teamCount}
            onChange={(v) => v && setTeamCount(v)}
            style={{ width: 80 }}
            aria-label="巡察组数"
          />
        </span>
        <span>
          每组单位数{' '}
          <InputNumber
            min={1}
            max={5}
            precision={0}
            value={perTeam}
            onChange={(v) => v && setPerTeam(v)}
            style={{ width: 70 }}
            aria-label="每组单位数"
          />
        </span>
        <Select<TOrgKind>
          allowClear
          placeholder="全部单位类别"
          value={kind}
          onChange={(v) => setKind(v)}
          options={ORG_KINDS.map((k) => ({ value: k, label: k }))}
          style={{ width: 180 }}
          aria-label="单位类别"
        />
      </Space>
      {sug.error && <ErrorAlert error={sug.error} onRetry={() => void sug.refetch()} />}
      {sug.isPending ? (
        <Skeleton active />
      ) : !sug.data?.groups.length ? (
        <Empty description="本届已没有待推荐的未覆盖单位" />
      ) : (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={`本届尚有 ${sug.data.uncoveredCount} 个单位未覆盖；以下为 ${sug.data.groups.length} 个组的推荐搭配`}
          />
          <Row gutter={[12, 12]}>
            {sug.data.groups.map((g) => (
              <Col key={g.team} xs={24} md={12} xl={8} xxl={6}>
                <Card
                  size="small"
                  title={`推荐组合 ${g.team}`}
                  extra={
                    canWrite && (
                      <Button size="small" type="primary" icon={<CheckOutlined />} onClick={() => setAdopting(g)}>
                        采用
                      </Button>
                    )
                  }
                >
                  <List
                    size="small"
                    dataSource={g.orgs}
                    renderItem={(o) => (
                      <List.Item>
                        <Space wrap size={4}>
                          <Link to={`/orgs/${o.orgId}`}>{o.name}</Link>
                          <Tag>{o.kind}</Tag>
                          {o.sector && <Tag color="blue">{o.sector}</Tag>}
                        </Space>
                      </List.Item>
                    )}
                  />
                </Card>
              </Col>
            ))}
          </Row>
        </>
      )}
      <AdoptModal
        group={adopting}
        round={round}
        teams={teams}
        busyTeams={busyTeams}
        onClose={() => setAdopting(null)}
      />
    </Card>
  );
}
