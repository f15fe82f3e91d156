import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { CADRE_LEVEL_LABELS, CADRE_LEVELS, MAX_CLUE_SUBJECTS } from '@xc/domain';
import { Button, Col, Form, Input, Row, Select } from 'antd';
import { Field, FieldList } from '../../components/form-kit/index.ts';
import { optionsOf } from '../../components/options.ts';

const LEVEL_OPTIONS = optionsOf(CADRE_LEVELS, CADRE_LEVEL_LABELS);

/**
 * 被反映人 of a clue, one row each (姓名, 单位及职务, 干部管理层级), in a form of the clue schema
 * (field `subjects`): the clue drawer and the 巡审贯通 hits turned into a clue. Each input is named
 * by its row (被反映人1姓名 …) for screen readers and the journeys.
 */
export function ClueSubjectsField({ style }: { style?: React.CSSProperties }) {
  return (
    <FieldList name="subjects" label="被反映人">
      {(fields, { add, remove }, { errors }) => (
        <div style={{ marginBottom: 16, ...style }}>
          {fields.map((f, i) => (
            <Row gutter={8} key={f.key} align="top">
              <Col span={6}>
                <Field name={[f.name, 'name']} messageLabel="被反映人姓名">
                  <Input placeholder="姓名" maxLength={30} aria-label={`被反映人${i + 1}姓名`} autoComplete="off" />
                </Field>
              </Col>
              <Col span={10}>
                <Field name={[f.name, 'post']} messageLabel="被反映人职务">
                  <Input placeholder="单位及职务" maxLength={100} aria-label={`被反映人${i + 1}职务`} />
                </Field>
              </Col>
              <Col span={6}>
                <Field name={[f.name, 'level']} messageLabel="干部管理层级">
                  <Select aria-label={`被反映人${i + 1}干部管理层级`} options={LEVEL_OPTIONS} />
                </Field>
              </Col>
              <Col span={2}>
                <Button
                  icon={<DeleteOutlined />}
                  disabled={fields.length <= 1}
                  onClick={() => remove(f.name)}
                  aria-label={`删除被反映人${i + 1}`}
                />
              </Col>
            </Row>
          ))}
          <Form.ErrorList errors={errors} />
          <Button
            icon={<PlusOutlined />}
            disabled={fields.length >= MAX_CLUE_SUBJECTS}
            onClick={() => add({ level: 'other' })}
          >
            增加被反映人
          </Button>
        </div>
      )}
    </FieldList>
  );
}
