import { FileWordOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import {
  CLUE_DISPOSAL_LABELS,
  CLUE_RECEIVER_LABELS,
  CLUE_RECEIVERS,
  CLUE_STATUS_LABELS,
  CLUE_STATUSES,
  DISCIPLINE_LABELS,
  DISCIPLINES,
  type TClueDisposal,
  type TClueReceiver,
  type TClueStatus,
  type TDiscipline,
  ZClueTransferBatch,
} from '@xc/domain';
import {
  Alert,
  Button,
  DatePicker,
  Input,
  List,
  Modal,
  Radio,
  Result,
  Space,
  Switch,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useMemo, useState } from 'react';
import {
  downloadTransferLetter,
  fwk,
  getFieldworkSettings,
  listClues,
  type TClueFilters,
  type TClueItem,
  type TClueListOut,
  type TClueOut,
  type TClueTransferOut,
  transferClues,
} from '../../api/fieldwork.ts';
import { usePermissions } from '../../api/hooks.ts';
import type { TInspectionDetailOut } from '../../api/planning.ts';
import { useCursorPages } from '../../components/cursor-pager.tsx';
import { FilterSelect } from '../../components/filter-bar.tsx';
import {
  afterToday,
  Field,
  FormModal,
  iso,
  optional,
  useExport,
  useSchemaForm,
} from '../../components/form-kit/index.ts';
import { ClueDrawer } from './clue-drawer.tsx';
import { ClueFormDrawer } from './clue-form-drawer.tsx';
import { SelectableCursorTable } from './selectable-table.tsx';
import { ClueStatusTag, DueTag, OrgField } from './shared.tsx';

export function clueColumns(opts: { withInspection: boolean; caseHandler?: boolean }): TableColumnsType<TClueItem> {
  return [
    {
      title: '被反映人',
      dataIndex: 'subjects',
      width: 220,
      render: (v: TClueItem['subjects']) => (
        <div>
          {v.map((s) => (
            <div key={`${s.name}-${s.post}`}>
              {s.name}
              <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
                {s.post}
              </Typography.Text>
            </div>
          ))}
        </div>
      ),
    },
    { title: '纪律类别', dataIndex: 'discipline', width: 100, render: (d: TDiscipline) => DISCIPLINE_LABELS[d] },
    ...(opts.withInspection
      ? [
          {
            title: '巡察',
            dataIndex: 'inspectionLabel',
            render: (v: string, c: TClueItem) => (
              <div>
                <div>{c.orgName ?? '—'}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {v}
                </Typography.Text>
              </div>
            ),
          },
        ]
      : []),
    { title: '状态', dataIndex: 'status', width: 100, render: (s: TClueStatus) => <ClueStatusTag status={s} /> },
    {
      title: opts.caseHandler ? '移交' : '移交对象',
      key: 'receiver',
      width: 180,
      render: (_v, c) =>
        c.receiver ? (
          <div>
            <div>
              {CLUE_RECEIVER_LABELS[c.receiver]}
              {c.receiverOrgName && !opts.caseHandler ? `（${c.receiverOrgName}）` : ''}
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.transferredOn} {c.letterNumber ?? ''}
            </Typography.Text>
          </div>
        ) : (
          <Tooltip title="按被反映人的干部管理层级和纪律类别建议">
            <Tag color="gold">建议移交{CLUE_RECEIVER_LABELS[c.suggestedReceiver]}</Tag>
          </Tooltip>
        ),
    },
    {
      title: '处置方式',
      dataIndex: 'disposal',
      width: 100,
      render: (d: TClueDisposal | null) => (d ? CLUE_DISPOSAL_LABELS[d] : '—'),
    },
    {
      title: '反馈时限',
      key: 'due',
      width: 170,
      render: (_v, c) => <DueTag due={c.feedbackDue} colour={c.feedbackColour} />,
    },
  ];
}

interface TransferValues {
  receiver?: TClueReceiver;
  receiverOrgId?: string | null;
  transferredOn?: Dayjs | null;
  letterNumber?: string;
}

/** Those with the most clues suggesting it: where a batch should go. */
function majorityReceiver(clues: readonly TClueItem[]): TClueReceiver {
  const n = clues.filter((c) => c.suggestedReceiver === 'organization').length;
  return n * 2 > clues.length ? 'organization' : 'discipline';
}

function TransferModal({
  clues,
  open,
  onClose,
  onDone,
}: {
  clues: TClueItem[];
  open: boolean;
  onClose: () => void;
  onDone: (batch: TClueTransferOut) => void;
}) {
  const persons = new Set(clues.flatMap((c) => c.subjects.map((s) => `${s.name}\u0000${s.post}`))).size;
  const authorityId = clues[0]?.authorityId;
  const settings = useQuery({
    queryKey: fwk.settings(authorityId ?? ''),
    queryFn: () => getFieldworkSettings(authorityId ?? ''),
    enabled: open && !!authorityId,
  });
  // A new key each time the dialog opens for a set of clues; kept through retries of that opening.
  const transferKey = useMemo(() => (open ? crypto.randomUUID() : ''), [open]);
  const kit = useSchemaForm({
    schema: ZClueTransferBatch,
    toBody: (v: TransferValues) => ({
      clueIds: clues.map((c) => c.id),
      receiver: v.receiver,
      receiverOrgId: v.receiverOrgId ?? undefined,
      transferredOn: iso(v.transferredOn) ?? '',
      letterNumber: optional(v.letterNumber),
    }),
    mutationFn: (body) => transferClues(body, transferKey),
    success: (b) => `已移交${CLUE_RECEIVER_LABELS[b.receiver]}：${b.clueCount}件${b.personCount}人`,
    invalidate: [fwk.all],
    onSuccess: (b) => {
      onDone(b);
      onClose();
    },
    confirm: {
      title: `确认移交 ${clues.length} 件线索？`,
      content: '移交后线索不能再修改，由接收单位处置并在时限内反馈结果；移交记入审计日志。',
      okText: '确认移交',
    },
    open,
    openKey: clues.map((c) => c.id).join(','),
    // The receiving organization defaults to the office's setting for the receiver, once it is loaded.
    initial: (): TransferValues | undefined => {
      if (!settings.data && !settings.error) return undefined;
      const receiver = majorityReceiver(clues);
      return {
        receiver,
        receiverOrgId: settings.data?.settings.receiverOrgs[receiver] ?? null,
        transferredOn: dayjs(),
        letterNumber: '',
      };
    },
  });
  const pickReceiver = (receiver: TClueReceiver) =>
    kit.form.setFieldsValue({ receiverOrgId: settings.data?.settings.receiverOrgs[receiver] ?? null });
  const mixed = new Set(clues.map((c) => c.suggestedReceiver)).size > 1;
  return (
    <FormModal
      kit={kit}
      title="移交问题线索"
      open={open}
      onClose={onClose}
      okText="移交"
      width={720}
      name="clueTransfer"
      intro={
        <>
          <Typography.Paragraph>
            本批移交 <Typography.Text strong>{clues.length}</Typography.Text> 件，涉及{' '}
            <Typography.Text strong>{persons}</Typography.Text> 人，生成一份问题线索移交函。
          </Typography.Paragraph>
          {mixed && (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              title="所选线索的建议移交对象不一致"
              description="一批线索移交同一接收单位；建议按移交对象分批移交。"
            />
          )}
          <List
            size="small"
            bordered
            style={{ marginBottom: 16, maxHeight: 200, overflow: 'auto' }}
            dataSource={clues}
            renderItem={(c) => (
              <List.Item>
                <Space wrap>
                  <span>{c.subjects.map((s) => s.name).join('、')}</span>
                  <Typography.Text type="secondary">{DISCIPLINE_LABELS[c.discipline]}</Typography.Text>
                  <Tag>建议：{CLUE_RECEIVER_LABELS[c.suggestedReceiver]}</Tag>
                </Space>
              </List.Item>
            )}
          />
        </>
      }
    >
      <Field name="receiver" label="移交对象" required>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          onChange={(e) => pickReceiver(e.target.value as TClueReceiver)}
          options={CLUE_RECEIVERS.map((r) => ({ value: r, label: CLUE_RECEIVER_LABELS[r] }))}
        />
      </Field>
      <Field name="receiverOrgId" label="接收单位" required extra="默认为巡察实施设置中指定的接收单位">
        <OrgField authorityId={authorityId} placeholder="输入单位名称搜索，如：市纪委监委" />
      </Field>
      <Space size={16} wrap>
        <Field name="transferredOn" label="移交日期" required>
          <DatePicker disabledDate={afterToday} />
        </Field>
        <Field name="letterNumber" label="移交函文号">
          <Input maxLength={50} placeholder="如：赣市巡函〔2026〕3号" style={{ width: 260 }} />
        </Field>
      </Space>
    </FormModal>
  );
}

/** After a transfer: the batch and its 移交函. */
function TransferDone({ batch, onClose }: { batch: TClueTransferOut | null; onClose: () => void }) {
  const letter = useLetterDownload();
  return (
    <Modal open={!!batch} onCancel={onClose} footer={null} destroyOnHidden>
      {batch && (
        <Result
          status="success"
          title={`已移交${CLUE_RECEIVER_LABELS[batch.receiver]}${batch.receiverOrgName ? `（${batch.receiverOrgName}）` : ''}`}
          subTitle={`${batch.transferredOn} 移交线索 ${batch.clueCount} 件 ${batch.personCount} 人${batch.letterNumber ? `，文号 ${batch.letterNumber}` : ''}`}
          extra={[
            <Button
              key="letter"
              type="primary"
              icon={<FileWordOutlined />}
              loading={letter.pending}
              onClick={() => void letter.run(batch)}
            >
              下载问题线索移交函
            </Button>,
            <Button key="close" onClick={onClose}>
              关闭
            </Button>,
          ]}
        />
      )}
    </Modal>
  );
}

export function useLetterDownload() {
  return useExport(
    (b: TClueTransferOut) =>
      downloadTransferLetter(b.id, `问题线索移交函${b.letterNumber ?? ''}（${CLUE_RECEIVER_LABELS[b.receiver]}）.docx`),
    '已下载',
  );
}

/** The totals line: 件 and distinct 人 over the whole filter (人次 for the workload). */
export function ClueTotals({ data }: { data: TClueListOut | undefined }) {
  if (!data) return null;
  return (
    <Typography.Text>
      共 <Typography.Text strong>{data.total}</Typography.Text> 件，涉及{' '}
      <Typography.Text strong>{data.persons}</Typography.Text> 人
      <Typography.Text type="secondary">（{data.personTimes} 人次；同一人涉及多件线索按 1 人计）</Typography.Text>
    </Typography.Text>
  );
}

/**
 * The clue register under `filters`: totals, the table, selection of drafts for a transfer batch
 * (the office), the detail drawer and the draft form.
 */
export function ClueRegister({
  filters,
  filtered,
  withInspection,
  inspection,
  toolbar,
}: {
  filters: TClueFilters;
  filtered: boolean;
  withInspection: boolean;
  /** The inspection a new clue is recorded in (the workbench's, or the one filtered on). */
  inspection: TInspectionDetailOut | undefined;
  toolbar?: ReactNode;
}) {
  const perms = usePermissions();
  const canTransfer = perms.has('clue:transfer');
  const [selected, setSelected] = useState<TClueItem[]>([]);
  const [transferring, setTransferring] = useState(false);
  const [done, setDone] = useState<TClueTransferOut | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [form, setForm] = useState<{ editing: TClueOut | null } | null>(null);
  const pages = useCursorPages(JSON.stringify(filters));
  const query = { ...filters, limit: pages.size, cursor: pages.cursor };
  const list = useQuery({
    queryKey: fwk.clues(query),
    queryFn: ({ signal }) => listClues(query, signal),
    placeholderData: keepPreviousData,
  });
  const addButton = perms.has('clue:write') && (
    <Button icon={<PlusOutlined />} disabled={!inspection} onClick={() => setForm({ editing: null })}>
      登记线索
    </Button>
  );

  return (
    <>
      <div className="xc-toolbar">
        <Space wrap>
          {toolbar}
          <ClueTotals data={list.data} />
        </Space>
        <Space wrap>
          {canTransfer && (
            <Button
              type="primary"
              icon={<SendOutlined />}
              disabled={selected.length === 0}
              onClick={() => setTransferring(true)}
            >
              移交所选线索{selected.length ? `（${selected.length}件）` : ''}
            </Button>
          )}
          {addButton &&
            (inspection ? (
              addButton
            ) : (
              <Tooltip title="请先在筛选栏选择巡察任务">
                <span>{addButton}</span>
              </Tooltip>
            ))}
        </Space>
      </div>
      <SelectableCursorTable<TClueItem>
        list={list}
        pages={pages}
        columns={clueColumns({ withInspection })}
        width={withInspection ? 1300 : 1100}
        onOpen={(c) => setOpenId(c.id)}
        rowSelection={
          canTransfer
            ? {
                selectedRowKeys: selected.map((c) => c.id),
                preserveSelectedRowKeys: true,
                getCheckboxProps: (c) => ({ disabled: c.status !== 'draft' }),
                onChange: (_keys, rows) => setSelected(rows.filter(Boolean)),
              }
            : undefined
        }
        rowClassName={(c) => (c.feedbackColour === 'red' ? 'xc-fw-row-red' : '')}
        empty={{ filtered, whenFiltered: '没有符合条件的问题线索', whenEmpty: '尚无问题线索' }}
      />
      <ClueDrawer id={openId} onClose={() => setOpenId(null)} onEdit={(c) => setForm({ editing: c })} />
      <ClueFormDrawer
        inspection={inspection}
        editing={form?.editing ?? null}
        open={!!form}
        onClose={() => setForm(null)}
      />
      <TransferModal
        clues={selected}
        open={transferring}
        onClose={() => setTransferring(false)}
        onDone={(b) => {
          setSelected([]);
          setDone(b);
        }}
      />
      <TransferDone batch={done} onClose={() => setDone(null)} />
    </>
  );
}

/** The workbench's 问题线索 tab: this inspection's clues. */
export function InspectionClues({ inspection }: { inspection: TInspectionDetailOut | undefined }) {
  const [status, setStatus] = useState<TClueStatus | undefined>();
  const [discipline, setDiscipline] = useState<TDiscipline | undefined>();
  const [overdue, setOverdue] = useState(false);
  if (!inspection) return null;
  return (
    <ClueRegister
      filters={{ inspectionId: inspection.id, status, discipline, overdue: overdue ? 'true' : undefined }}
      filtered={!!status || !!discipline || overdue}
      withInspection={false}
      inspection={inspection}
      toolbar={
        <>
          <FilterSelect
            label="线索状态"
            value={status}
            onChange={setStatus}
            options={CLUE_STATUSES.map((s) => ({ value: s, label: CLUE_STATUS_LABELS[s] }))}
            width={120}
          />
          <FilterSelect
            label="纪律类别"
            value={discipline}
            onChange={setDiscipline}
            options={DISCIPLINES.map((d) => ({ value: d, label: DISCIPLINE_LABELS[d] }))}
            width={120}
          />
          <Space size={4}>
            <Switch size="small" checked={overdue} onChange={setOverdue} aria-label="只看逾期未反馈" />
            <span>逾期未反馈</span>
          </Space>
        </>
      }
    />
  );
}
