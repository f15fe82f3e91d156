import { describe, expect, it } from 'vitest';
import { fieldMessages, groupByField, ownerOf, schemaIssues, serverIssues } from './issues.ts';

describe('issues to fields', () => {
  it('renames keys wherever they stand, and drops a key renamed to nothing', () => {
    const issues = schemaIssues(
      [
        { path: ['endDate'], message: '届期结束日期必须晚于开始日期', code: 'custom' },
        { path: ['leaders', 0, 'since'], message: '开始日期格式应为 YYYY-MM-DD', code: 'invalid_format' },
        { path: ['award', 'batch'], message: '评选批次不能为空', code: 'custom' },
      ],
      { endDate: '2020-01-01', leaders: [{ since: 'x' }], award: { batch: '' } },
      { startDate: 'span', endDate: 'span', since: 'term', award: '' },
    );
    expect(issues.map((i) => i.path)).toEqual([['span'], ['leaders', 0, 'term'], ['batch']]);
  });

  it('gives an issue to the deepest field its path starts with, or to none', () => {
    const registered = [['leaders'], ['leaders', 0, 'name'], ['name']];
    expect(ownerOf(['leaders', 0, 'name'], registered)).toEqual(['leaders', 0, 'name']);
    expect(ownerOf(['leaders', 3], registered)).toEqual(['leaders']);
    expect(ownerOf(['roundId'], registered)).toBeNull();
    const { fields, rest } = groupByField(
      serverIssues({
        issues: [
          { path: 'leaders.0.name', message: '姓名重复' },
          { path: 'roundId', message: '编号格式不正确' },
        ],
      }),
      registered,
    );
    expect(fields).toEqual([
      { name: ['leaders', 0, 'name'], issues: [expect.objectContaining({ message: '姓名重复' })] },
    ]);
    expect(rest.map((i) => i.message)).toEqual(['编号格式不正确']);
  });

  it('says an empty value must be filled, in the words of its label, and keeps every other message', () => {
    const [emptyId, badId, customEmpty] = schemaIssues(
      [
        { path: ['authorityId'], message: '编号格式不正确', code: 'invalid_format' },
        { path: ['orgId'], message: '编号格式不正确', code: 'invalid_format' },
        { path: ['name'], message: '届次名称不能为空', code: 'custom' },
      ],
      { authorityId: '', orgId: 'not-an-id', name: '  ' },
    );
    expect(fieldMessages([emptyId!], '巡察机构')).toEqual(['巡察机构不能为空']);
    expect(fieldMessages([emptyId!], undefined)).toEqual(['编号格式不正确']);
    expect(fieldMessages([badId!], '被巡察单位')).toEqual(['编号格式不正确']);
    expect(fieldMessages([customEmpty!, customEmpty!], '届次名称')).toEqual(['届次名称不能为空']);
  });
});
