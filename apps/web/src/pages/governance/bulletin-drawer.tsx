import { type TRecipient, type TSector, ZBulletin, ZBulletinCreate, ZBulletinUpdate } from '@xc/domain';
import { Col, Form, Input, Row, Select, Switch } from 'antd';
import { useCallback, useRef } from 'react';
import {
  createBulletin,
  gk,
  type TBulletinCreateInput,
  type TBulletinOut,
  type TBulletinUpdateInput,
  type TRecipientCandidateOut,
  updateBulletin,
} from '../../api/governance.ts';
import { Field, FormDrawer, useSchemaForm } from '../../components/form-kit/index.ts';
import { ProblemSelect, RecipientSelect, recipientKey, SECTOR_OPTIONS, TermField, toRecipient } from './shared.tsx';

interface Values {
  termId?: string;
  sector?: TSector;
  title?: string;
  commonProblemIds?: string[];
  recipients?: string[];
  intro?: string;
  requestedActions?: string;
  nameOrganizations?: boolean;
  version?: number;
}

const toForm = (b: TBulletinOut): Values => ({
  termId: b.termId,
  sector: b.sector as TSector,
  title: b.title,
  commonProblemIds: b.commonProblems.map((p) => p.id),
  recipients: b.recipients.map(recipientKey),
  intro: b.intro ?? '',
  requestedActions: b.requestedActions,
  nameOrganizations: b.nameOrganizations,
  version: b.version,
});

const DEFAULT_ACTIONS =
  '请分管领导督促主管部门对照通报的问题，在本系统（领域）内举一反三开展自查自纠，建立健全长效机制，并于30日内将整改落实情况书面报送市委巡察办。';

/** 新建通报 / 编辑通报 (a draft): sector, problems of the term, recipients, the text of the document. */
export function BulletinDrawer({
  open,
  bulletin,
  defaultTermId,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** The draft being edited; null for a new bulletin. */
  bulletin: TBulletinOut | null;
  defaultTermId: string | undefined;
  onClose: () => void;
  onSaved?: (b: TBulletinOut) => void;
}) {
  // Keys of the recipient select back to recipients: from the candidates loaded and the record's own.
  const byKey = useRef(new Map<string, TRecipient>());
  const remember = useCallback((list: readonly TRecipientCandidateOut[]) => {
    for (const c of list) byKey.current.set(recipientKey(c), toRecipient(c));
  }, []);
  for (const r of bulletin?.recipients ?? []) {
    const key = recipientKey(r);
    if (!byKey.current.has(key)) byKey.current.set(key, toRecipient(r));
  }
  const editing = !!bulletin;
  const kit = useSchemaForm({
    schema: editing ? ZBulletinUpdate : ZBulletinCreate,
    toBody: (v: Values) => {
      const recipients = (v.recipients ?? []).flatMap((k) => {
        const r = byKey.current.get(k);
        return r ? [r] : [];
      });
      const common = {
        sector: v.sector,
        title: v.title ?? '',
        commonProblemIds: v.commonProblemIds ?? [],
        recipients,
        intro: v.intro ?? '',
        requestedActions: v.requestedActions ?? '',
        nameOrganizations: !!v.nameOrganizations,
      };
      return editing ? { version: v.version, ...common } : { termId: v.termId, ...common };
    },
    mutationFn: (body) =>
      bulletin
        ? updateBulletin(bulletin.id, body as TBulletinUpdateInput)
        : createBulletin(body as TBulletinCreateInput),
    success: editing ? '已保存通报' : '已新建通报（草稿）',
    invalidate: [gk.all],
    onSuccess: (b) => {
      onClose();
      onSaved?.(b);
    },
    conflict: { schema: ZBulletin, reload: (c) => (c ? toForm(c) : undefined) },
    invalidMessage: '请检查标红的内容',
    open,
    openKey: bulletin?.id ?? 'new',
    initial: (): Values | undefined =>
      bulletin
        ? toForm(bulletin)
        : { termId: defaultTermId, nameOrganizations: false, requestedActions: DEFAULT_ACTIONS, recipients: [] },
  });
  const termId = Form.useWatch('termId', kit.form);
  const sector = Form.useWatch('sector', kit.form);
  return (
    <FormDrawer
      kit={kit}
      title={editing ? `编辑通报：${bulletin?.title}` : '新建通报'}
      open={open}
      onClose={onClose}
      size={820}
      okText={editing ? '保存' : '保存草稿'}
      name={editing ? 'bulletinEdit' : 'bulletinCreate'}
    >
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Field name="termId" label="届次" required>
            <TermField disabled={editing} />
          </Field>
        </Col>
        <Col xs={24} md={10}>
          <Field name="sector" label="通报领域" required>
            <Select options={SECTOR_OPTIONS} showSearch={{ optionFilterProp: 'label' }} placeholder="选择领域" />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="title" label="通报标题" required>
            <Input maxLength={100} showCount placeholder="如：关于政法领域巡察发现共性问题的通报" />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="commonProblemIds" label="通报的共性问题" required>
            <ProblemSelect termId={termId} />
          </Field>
        </Col>
        <Col span={24}>
          <Field
            name="recipients"
            label="接收对象"
            required
            extra="分管领导和主管部门；有账号的在系统内送达并记录阅读回执，其余线下送达"
          >
            <RecipientSelect
              sector={sector}
              multiple
              known={bulletin?.recipients.map(toRecipient) ?? []}
              onCandidates={remember}
            />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="intro" label="通报说明" extra="留空则使用标准开头">
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} showCount />
          </Field>
        </Col>
        <Col span={24}>
          <Field name="requestedActions" label="工作要求" required>
            <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} showCount />
          </Field>
        </Col>
        <Col span={24}>
          <Field
            name="nameOrganizations"
            label="点名涉及单位"
            valuePropName="checked"
            extra="关闭时文件只写涉及单位的数量（涉及N个单位）"
          >
            <Switch checkedChildren="点名" unCheckedChildren="只写数量" />
          </Field>
        </Col>
      </Row>
    </FormDrawer>
  );
}
