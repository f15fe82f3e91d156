/**
 * What one row of a table is called, with its measure word, for the messages that refuse a delete
 * while other records still point at it (platform/errors.ts refusedDelete): 「该巡察已有信访件2件，不能删除」.
 * `advice` says what to do first. Not a table file: any module and the platform may import it.
 */
export const TABLE_LABELS: Record<string, { noun: string; unit: string; advice?: string }> = {
  authorities: { noun: '巡察机构', unit: '个' },
  organizations: { noun: '单位', unit: '个' },
  terms: { noun: '届期', unit: '个' },
  rounds: { noun: '轮次', unit: '个' },
  teams: { noun: '巡察组', unit: '个' },
  inspections: { noun: '巡察任务', unit: '项', advice: '请先调整这些巡察的巡察组' },
  inspection_targets: { noun: '巡察对象', unit: '个' },
  team_members: { noun: '组员', unit: '人', advice: '请先移出组员或处理这些记录' },
  appraisals: { noun: '考核评价', unit: '份', advice: '请先移出组员或处理这些记录' },
  recusal_declarations: { noun: '回避申报和异议', unit: '份' },
  authorizations: { noun: '授权决定', unit: '份' },
  inspectors: { noun: '巡察干部', unit: '人' },
  petitions: { noun: '信访件', unit: '件' },
  public_codes: { noun: '码上巡二维码', unit: '个' },
  surveys: { noun: '问卷', unit: '份', advice: '请先移出组员或处理这些记录' },
  users: { noun: '账号', unit: '个' },
  findings: { noun: '问题', unit: '个' },
  working_papers: { noun: '问题底稿', unit: '份' },
  clues: { noun: '问题线索', unit: '件' },
  interviews: { noun: '谈话记录', unit: '份' },
  activities: { noun: '巡察活动记录', unit: '条' },
  meetings: { noun: '会议记录', unit: '次' },
};
