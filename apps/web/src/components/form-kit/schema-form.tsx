import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Drawer, Form, type FormItemProps, type FormProps, Modal, Row, Skeleton, Space } from 'antd';
import { type ComponentProps, createContext, type ReactNode, useContext } from 'react';
import { ErrorAlert } from '../error-alert.tsx';
import type { SchemaFormKit } from './use-schema-form.ts';

type FormListProps = ComponentProps<typeof Form.List>;

const KitContext = createContext<Pick<SchemaFormKit, 'rule'> | null>(null);

/** An antd Form bound to a kit: its Fields validate with the kit's schema. */
export function SchemaForm<V>({
  kit,
  children,
  ...props
}: Omit<FormProps<V>, 'form' | 'children'> & { kit: SchemaFormKit<V>; children: ReactNode }) {
  return (
    <KitContext.Provider value={kit}>
      <Form<V> form={kit.form} layout="vertical" {...props}>
        {children}
      </Form>
    </KitContext.Provider>
  );
}

/**
 * Form.Item whose messages come from the kit's schema. `required` only draws the asterisk: whether
 * a value is required, and what is said when it is missing, is the schema's business.
 * `messageLabel` names a field that shows no label (a row of a list) in its messages.
 */
export function Field({ messageLabel, ...props }: Omit<FormItemProps, 'rules'> & { messageLabel?: string }) {
  const kit = useContext(KitContext);
  if (!kit || props.name === undefined) return <Form.Item {...props} />;
  const label = messageLabel ?? (typeof props.label === 'string' ? props.label : undefined);
  return <Form.Item {...props} rules={[kit.rule(label)]} />;
}

/** One cell of a RowList row: a Field `span` of the row's 24 columns wide. */
export function RowField({ span, ...field }: ComponentProps<typeof Field> & { span: number }) {
  return (
    <Col span={span}>
      <Field {...field} />
    </Col>
  );
}

/** Form.List whose own messages (too few, too many, duplicates) come from the kit's schema. */
export function FieldList(props: Omit<FormListProps, 'rules'> & { label?: string }) {
  const kit = useContext(KitContext);
  const { label, ...rest } = props;
  return (
    <Form.List {...rest} rules={kit ? [kit.rule(label) as NonNullable<FormListProps['rules']>[number]] : undefined} />
  );
}

/**
 * A list edited as rows (班子成员, 工作经历, 被巡察单位 …): each row's fields, a remove icon at its
 * end, the list's own messages from the schema (too many, duplicates), and a dashed add button.
 */
export function RowList({
  name,
  children,
  newRow,
  addLabel,
  removeLabel,
  max,
  keepOne,
}: {
  name: string;
  /** The fields of row `index`, as antd Cols; their names start with the index. */
  children: (index: number) => ReactNode;
  /** What a new row starts with. */
  newRow: () => object;
  addLabel: string;
  /** Accessible name of the remove icon, e.g. 删除该成员. */
  removeLabel: string;
  max: number;
  /** The last row stays (a list that needs at least one). */
  keepOne?: boolean;
}) {
  return (
    <FieldList name={name}>
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map(({ key, name: index }) => (
            <Row key={key} gutter={8} align="top" wrap={false}>
              {children(index)}
              <Col flex="24px" style={{ paddingTop: 6 }}>
                <MinusCircleOutlined
                  onClick={() => remove(index)}
                  aria-label={removeLabel}
                  style={keepOne && fields.length <= 1 ? { visibility: 'hidden' } : undefined}
                />
              </Col>
            </Row>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            block
            icon={<PlusOutlined />}
            disabled={fields.length >= max}
            onClick={() => add(newRow())}
            style={{ marginBottom: 16 }}
          >
            {addLabel}
          </Button>
        </>
      )}
    </FieldList>
  );
}

interface ShellProps<V> {
  kit: SchemaFormKit<V>;
  title: ReactNode;
  open: boolean;
  onClose: () => void;
  /** The form's name: antd prefixes the inputs' ids with it. */
  name?: string;
  okText?: string;
  /** Shown above the form (warnings about what the action does). */
  intro?: ReactNode;
  /** The submit button is off (nothing to save yet). */
  blocked?: boolean;
  /** The submit button is red (an action that cannot be undone). */
  danger?: boolean;
  formProps?: Omit<FormProps<V>, 'form' | 'name' | 'children'>;
  children: ReactNode;
}

/**
 * Until the kit has filled the form for what it shows (an edit waits for its record, a default for
 * its setting), the fields are hidden behind a skeleton: typing into them then would be wiped by the
 * fill a moment later.
 */
function Body<V>({ kit, name, intro, formProps, children }: ShellProps<V>) {
  return (
    <>
      {intro}
      {Boolean(kit.error) && <ErrorAlert error={kit.error} />}
      {!kit.ready && <Skeleton active paragraph={{ rows: 4 }} />}
      <div hidden={!kit.ready}>
        <SchemaForm<V> kit={kit} name={name} {...formProps}>
          {children}
        </SchemaForm>
      </div>
    </>
  );
}

/**
 * A kit form in a modal; the kit fills it each time it opens. It stays mounted while hidden, unless
 * `lazy`: then what it holds (a select that searches on mount) is built only once it opens.
 */
export function FormModal<V>(props: ShellProps<V> & { width?: number; lazy?: boolean }) {
  const { kit, title, open, onClose, okText = '保存', blocked, danger, width, lazy } = props;
  return (
    <Modal
      title={title}
      open={open}
      onCancel={onClose}
      onOk={() => void kit.submit()}
      confirmLoading={kit.pending}
      okText={okText}
      okButtonProps={{ disabled: blocked || !kit.ready, danger }}
      width={width}
      forceRender={!lazy}
      destroyOnHidden={!!lazy}
    >
      <Body {...props} />
    </Modal>
  );
}

/** A kit form in a drawer, with 取消 and the submit button at the foot. */
export function FormDrawer<V>(props: ShellProps<V> & { size?: number }) {
  const { kit, title, open, onClose, okText = '保存', blocked, size } = props;
  return (
    <Drawer
      title={title}
      open={open}
      onClose={onClose}
      size={size}
      forceRender
      footer={
        <Space style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>取消</Button>
          <Button
            type="primary"
            loading={kit.pending}
            onClick={() => void kit.submit()}
            disabled={blocked || !kit.ready}
          >
            {okText}
          </Button>
        </Space>
      }
    >
      <Body {...props} />
    </Drawer>
  );
}
