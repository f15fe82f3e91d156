import { z } from 'zod';
import { zDate, zId, zLimit, zPage, zText } from '../common/text.ts';
import { creditCodeValid } from './rules.ts';

export const ORG_KINDS = [
  '市直单位',
  '县(市、区)委',
  '县直单位',
  '乡镇(街道)',
  '村(社区)',
  '国有企业',
  '学校',
  '医院',
  '垂直管理驻县单位',
  '其他',
] as const;
export const ZOrgKind = z.enum(ORG_KINDS, { error: '单位类别不在可选范围内' });
export type TOrgKind = z.infer<typeof ZOrgKind>;

export const SECTORS = [
  '党群',
  '政法',
  '教育',
  '卫健',
  '农林水',
  '交通',
  '城建',
  '国土',
  '经济',
  '财政金融',
  '社会事业',
  '群团',
  '新闻媒体',
  '文化旅游',
  '生态环境',
  '市场监管',
  '国有企业',
  '乡镇街道',
  '村社区',
  '其他',
] as const;
export const ZSector = z.enum(SECTORS, { error: '系统/领域不在可选范围内' });
export type TSector = z.infer<typeof ZSector>;

export const ORG_STATUSES = ['active', 'merged', 'abolished'] as const;
export const ZOrgStatus = z.enum(ORG_STATUSES);
export const ORG_STATUS_LABELS = { active: '存续', merged: '已合并', abolished: '已撤销' } as const;

export const ZAuthorityLevel = z.enum(['city', 'county']);
export const AUTHORITY_LEVEL_LABELS = { city: '市级', county: '县级' } as const;

export const ZAuthority = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string(),
  level: ZAuthorityLevel,
  parentAuthorityId: z.uuid().nullable(),
  regionCode: z.string().nullable(),
  orgCount: z.number().int(),
  version: z.number().int(),
});
export type TAuthority = z.infer<typeof ZAuthority>;
export const ZAuthorityList = z.object({ items: z.array(ZAuthority), total: z.number().int() });

export const ZAuthorityCreate = z
  .strictObject({
    name: zText('机构名称', { max: 60 }),
    shortName: zText('简称', { max: 20 }),
    level: ZAuthorityLevel,
    parentAuthorityId: zId.nullable(),
    regionCode: z
      .string()
      .regex(/^\d{6}$/, '行政区划代码应为6位数字')
      .nullable()
      .optional(),
  })
  // The level decides the parent: a county office sits under its city; a city office under none.
  .superRefine((a, ctx) => {
    if (a.level === 'county' && !a.parentAuthorityId)
      ctx.addIssue({ code: 'custom', path: ['parentAuthorityId'], message: '县级巡察机构须指定上级巡察机构' });
    if (a.level === 'city' && a.parentAuthorityId)
      ctx.addIssue({ code: 'custom', path: ['parentAuthorityId'], message: '市级巡察机构不能有上级巡察机构' });
  });
export const ZAuthorityUpdate = z.strictObject({
  version: z.number().int(),
  name: zText('机构名称', { max: 60 }).optional(),
  shortName: zText('简称', { max: 20 }).optional(),
  regionCode: z
    .string()
    .regex(/^\d{6}$/, '行政区划代码应为6位数字')
    .nullable()
    .optional(),
});

/** 统一社会信用代码 (GB 32100-2015): 18 characters from the code set, the last a check character. */
export const zCreditCode = z
  .string()
  .transform((s) => s.normalize('NFKC').trim().toUpperCase())
  .refine((s) => s === '' || /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(s), '统一社会信用代码应为18位数字或大写字母')
  .refine((s) => s === '' || !/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(s) || creditCodeValid(s), '统一社会信用代码校验位不正确')
  .transform((s) => (s === '' ? null : s));

export const ZOrgLeader = z.strictObject({
  name: zText('姓名', { max: 20 }),
  position: zText('职务', { max: 40 }),
  since: zDate('任职开始日期').nullable().optional(),
  until: zDate('任职结束日期').nullable().optional(),
});
export type TOrgLeaderInput = z.input<typeof ZOrgLeader>;
export const ZOrgLeaderOut = z.object({
  id: z.uuid(),
  name: z.string(),
  position: z.string(),
  since: z.string().nullable(),
  until: z.string().nullable(),
});

export const ZOrg = z.object({
  id: z.uuid(),
  authorityId: z.uuid(),
  authorityName: z.string(),
  parentId: z.uuid().nullable(),
  parentName: z.string().nullable(),
  name: z.string(),
  kind: ZOrgKind,
  sector: ZSector.nullable(),
  creditCode: z.string().nullable(),
  establishedOn: z.string().nullable(),
  abolishedOn: z.string().nullable(),
  mergedIntoId: z.uuid().nullable(),
  mergedIntoName: z.string().nullable(),
  status: ZOrgStatus,
  childCount: z.number().int(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TOrg = z.infer<typeof ZOrg>;

export const ZOrgEvent = z.object({
  id: z.uuid(),
  kind: z.enum(['established', 'updated', 'merged', 'mergedFrom', 'abolished', 'imported', 'moved']),
  onDate: z.string().nullable(),
  detail: z.string(),
  actorName: z.string().nullable(),
  createdAt: z.string(),
});
export const ORG_EVENT_LABELS = {
  established: '设立',
  updated: '修改',
  merged: '并入其他单位',
  mergedFrom: '合并接收',
  abolished: '撤销',
  imported: '批量导入',
  moved: '调整隶属',
} as const;

export const ZOrgDetail = ZOrg.extend({
  leaders: z.array(ZOrgLeaderOut),
  history: z.array(ZOrgEvent),
  path: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type TOrgDetail = z.infer<typeof ZOrgDetail>;

export const ZOrgListQuery = z.strictObject({
  q: z.string().max(60).optional(),
  kind: ZOrgKind.optional(),
  sector: ZSector.optional(),
  authorityId: zId.optional(),
  parentId: zId.optional(),
  status: z.enum(['active', 'merged', 'abolished', 'all']).default('active'),
  limit: zLimit,
  cursor: z.string().max(200).optional(),
});
export type TOrgListQuery = z.infer<typeof ZOrgListQuery>;
export const ZOrgList = zPage(ZOrg);

export const ZOrgTreeQuery = z.strictObject({
  authorityId: zId,
  parentId: zId.optional(),
  status: z.enum(['active', 'all']).default('active'),
});
export const ZOrgTreeNode = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: ZOrgKind,
  status: ZOrgStatus,
  childCount: z.number().int(),
});
export const ZOrgTree = z.object({ items: z.array(ZOrgTreeNode) });

export const ZOrgCreate = z.strictObject({
  authorityId: zId,
  parentId: zId.nullable().optional(),
  name: zText('单位名称', { max: 80 }),
  kind: ZOrgKind,
  sector: ZSector.nullable().optional(),
  creditCode: zCreditCode.nullable().optional(),
  establishedOn: zDate('成立日期').nullable().optional(),
  leaders: z.array(ZOrgLeader).max(50, '班子成员最多50人').optional(),
});
export type TOrgCreate = z.infer<typeof ZOrgCreate>;

export const ZOrgUpdate = z.strictObject({
  version: z.number().int(),
  parentId: zId.nullable().optional(),
  name: zText('单位名称', { max: 80 }).optional(),
  kind: ZOrgKind.optional(),
  sector: ZSector.nullable().optional(),
  creditCode: zCreditCode.nullable().optional(),
  establishedOn: zDate('成立日期').nullable().optional(),
  leaders: z.array(ZOrgLeader).max(50, '班子成员最多50人').optional(),
});
export type TOrgUpdate = z.infer<typeof ZOrgUpdate>;

export const ZOrgMerge = z.strictObject({
  version: z.number().int(),
  intoId: zId,
  date: zDate('合并日期'),
  reason: zText('合并依据', { max: 200 }).optional(),
});
export const ZOrgAbolish = z.strictObject({
  version: z.number().int(),
  date: zDate('撤销日期'),
  reason: zText('撤销依据', { max: 200 }),
});

export const ZImportRowError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export type TImportRowError = z.infer<typeof ZImportRowError>;
export const ZImportResult = z.object({ imported: z.number().int(), authorityId: z.uuid() });

/** Column headers of the import template, in order. */
export const ORG_IMPORT_COLUMNS = [
  '单位名称',
  '单位类别',
  '系统/领域',
  '上级单位',
  '统一社会信用代码',
  '成立日期',
] as const;

/**
 * Names only, for pickers of the 三员 (choosing a liaison's organization when creating an account
 * or granting a role): an organization's name and kind are not case data.
 */
export const ZOrgLookupQuery = z.strictObject({
  q: z.string().max(60).optional(),
  authorityId: zId.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export const ZOrgLookupItem = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: ZOrgKind,
  authorityId: z.uuid(),
  authorityName: z.string(),
  status: ZOrgStatus,
});
export type TOrgLookupItem = z.infer<typeof ZOrgLookupItem>;
export const ZOrgLookup = z.object({ items: z.array(ZOrgLookupItem) });
