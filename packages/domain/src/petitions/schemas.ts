import { z } from 'zod';
import { zCursor, zDate, zId, zLimit, zPage, zText } from '../common/text.ts';

/**
 * 信访举报 (petition): what the public reports through 码上巡 and what the team registers by hand
 * from letters, calls and visits. Public reports carry no account, no IP, no User-Agent and only
 * the day they arrived (security.md, Public channel).
 */
export const PETITION_CHANNELS = ['qr', 'letter', 'phone', 'visit'] as const;
export const ZPetitionChannel = z.enum(PETITION_CHANNELS, { error: '来源渠道不在可选范围内' });
export type TPetitionChannel = z.infer<typeof ZPetitionChannel>;
export const PETITION_CHANNEL_LABELS: Record<TPetitionChannel, string> = {
  qr: '码上巡',
  letter: '来信',
  phone: '来电',
  visit: '来访',
};

/** 待分办 → 已受理 (within scope) / 已转交 (to another department) / 已办结. */
export const PETITION_STATUSES = ['received', 'accepted', 'forwarded', 'closed'] as const;
export const ZPetitionStatus = z.enum(PETITION_STATUSES, { error: '办理状态不在可选范围内' });
export type TPetitionStatus = z.infer<typeof ZPetitionStatus>;
export const PETITION_STATUS_LABELS: Record<TPetitionStatus, string> = {
  received: '待分办',
  accepted: '已受理',
  forwarded: '已转交',
  closed: '已办结',
};
/** What the reporter reads with the receipt: plain language, nothing about who handles it. */
export const PETITION_PUBLIC_STATUS_LABELS: Record<TPetitionStatus, string> = {
  received: '已收到，正在处理',
  accepted: '已受理，巡察组正在核实',
  forwarded: '已转交有关部门办理',
  closed: '已办结',
};

/** The moves a team may make on a petition; `closed` is final. */
export const PETITION_TRANSITIONS: Record<TPetitionStatus, readonly TPetitionStatus[]> = {
  received: ['accepted', 'forwarded', 'closed'],
  accepted: ['forwarded', 'closed'],
  forwarded: ['closed'],
  closed: [],
};

export function canMovePetition(from: TPetitionStatus, to: TPetitionStatus): boolean {
  return PETITION_TRANSITIONS[from].includes(to);
}

/** 六大纪律: a report is within the team's scope when it is about these, by leaders and key posts. */
export const DISCIPLINES = ['political', 'organizational', 'integrity', 'masses', 'work', 'life'] as const;
export const ZDiscipline = z.enum(DISCIPLINES, { error: '纪律类别不在可选范围内' });
export type TDiscipline = z.infer<typeof ZDiscipline>;
export const DISCIPLINE_LABELS: Record<TDiscipline, string> = {
  political: '政治纪律',
  organizational: '组织纪律',
  integrity: '廉洁纪律',
  masses: '群众纪律',
  work: '工作纪律',
  life: '生活纪律',
};

/** Receipts are 20 random digits (security.md asks ≥ 16); shown once in groups of four. */
export const RECEIPT_DIGITS = 20;
export const ZReceipt = z
  .string({ error: '请输入查询码' })
  .max(40, { message: '查询码格式不正确' })
  .transform((s) => s.normalize('NFKC').replace(/[\s-]/g, ''))
  .refine((s) => new RegExp(`^\\d{${RECEIPT_DIGITS}}$`).test(s), { message: `查询码应为${RECEIPT_DIGITS}位数字` });

export function formatReceipt(r: string): string {
  return r.replace(/(\d{4})(?=\d)/g, '$1 ');
}

const zPhone = z
  .string({ error: '联系电话必须是文本' })
  .transform((s) => s.normalize('NFKC').replace(/[\s-]/g, ''))
  .refine((s) => /^(1\d{10}|0\d{9,11})$/.test(s), { message: '联系电话格式不正确（手机号 11 位或带区号的固定电话）' });

const optionalText = (label: string, max: number) => zText(label, { min: 0, max }).optional();

/** Fields of a report as the reporter fills them in; named reports need a name and a phone. */
const reportFields = {
  anonymous: z.boolean({ error: '请选择是否匿名' }),
  reporterName: zText('姓名', { max: 30 }).optional(),
  reporterPhone: zPhone.optional(),
  subjectName: optionalText('被反映人姓名', 30),
  subjectPost: optionalText('被反映人职务', 50),
  subjectOrg: optionalText('被反映人单位', 100),
  content: zText('反映的问题', { min: 10, max: 5000, multiline: true }),
  happenedWhen: optionalText('发生时间', 50),
  place: optionalText('发生地点', 100),
};

function identityRule(v: { anonymous: boolean; reporterName?: string; reporterPhone?: string }, ctx: z.RefinementCtx) {
  if (v.anonymous) {
    if (v.reporterName || v.reporterPhone)
      ctx.addIssue({ code: 'custom', message: '匿名反映不需要填写姓名和电话', path: ['reporterName'] });
  } else {
    if (!v.reporterName) ctx.addIssue({ code: 'custom', message: '实名反映请填写姓名', path: ['reporterName'] });
    if (!v.reporterPhone) ctx.addIssue({ code: 'custom', message: '实名反映请填写联系电话', path: ['reporterPhone'] });
  }
}

export const ZPublicReportCreate = z.strictObject(reportFields).superRefine(identityRule);
export type TPublicReportCreate = z.infer<typeof ZPublicReportCreate>;

export const ZReceiptIssued = z.object({ receipt: z.string() });

export const ZReceiptLookup = z.strictObject({ receipt: ZReceipt });

export const ZPublicFollowUp = z.strictObject({
  receipt: ZReceipt,
  body: zText('补充内容', { max: 2000, multiline: true }),
});

const ZFileInfo = z.object({ name: z.string(), size: z.number().int(), kind: z.string() });

export const ZPublicReportView = z.object({
  authorityName: z.string(),
  status: ZPetitionStatus,
  statusLabel: z.string(),
  receivedOn: z.string(),
  orgName: z.string(),
  subjectName: z.string().nullable(),
  content: z.string(),
  files: z.array(ZFileInfo),
  messages: z.array(
    z.object({
      from: z.enum(['reporter', 'team']),
      body: z.string(),
      on: z.string(),
      files: z.array(ZFileInfo),
    }),
  ),
});
export type TPublicReportView = z.infer<typeof ZPublicReportView>;

/* ---------- staff side ---------- */

export const ZPetitionListQuery = z.strictObject({
  inspectionId: zId.optional(),
  status: ZPetitionStatus.optional(),
  channel: ZPetitionChannel.optional(),
  q: z.string().max(50).optional(),
  limit: zLimit,
  cursor: zCursor,
});
export type TPetitionListQuery = z.infer<typeof ZPetitionListQuery>;

export const ZPetitionListItem = z.object({
  id: z.string(),
  inspectionId: z.string(),
  inspectionName: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  channel: ZPetitionChannel,
  anonymous: z.boolean(),
  subjectName: z.string().nullable(),
  subjectPost: z.string().nullable(),
  summary: z.string(),
  status: ZPetitionStatus,
  discipline: ZDiscipline.nullable(),
  receivedOn: z.string(),
  fileCount: z.number().int(),
  /** Messages from the reporter after the team's last reply: the inbox shows them as new. */
  newFromReporter: z.number().int(),
});
export type TPetitionListItem = z.infer<typeof ZPetitionListItem>;
/** The inbox page, with how many of the filtered petitions stand at each status (the status filter aside). */
export const ZPetitionList = zPage(ZPetitionListItem).extend({
  statusCounts: z.object(
    Object.fromEntries(PETITION_STATUSES.map((s) => [s, z.number().int()])) as Record<
      (typeof PETITION_STATUSES)[number],
      z.ZodNumber
    >,
  ),
});

export const ZPetitionFile = z.object({ id: z.string(), name: z.string(), mime: z.string(), size: z.number().int() });

export const ZPetition = ZPetitionListItem.extend({
  content: z.string(),
  subjectOrg: z.string().nullable(),
  happenedWhen: z.string().nullable(),
  place: z.string().nullable(),
  keyPost: z.boolean().nullable(),
  forwardTo: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** A named report: the identity is encrypted and opened only through the identity route. */
  hasIdentity: z.boolean(),
  registeredBy: z.string().nullable(),
  files: z.array(ZPetitionFile),
  messages: z.array(
    z.object({
      id: z.string(),
      from: z.enum(['reporter', 'team']),
      body: z.string(),
      on: z.string(),
      byName: z.string().nullable(),
      files: z.array(ZPetitionFile),
    }),
  ),
  events: z.array(
    z.object({ at: z.string(), action: z.string(), note: z.string().nullable(), actorName: z.string().nullable() }),
  ),
  allowedMoves: z.array(ZPetitionStatus),
  version: z.number().int(),
});
export type TPetition = z.infer<typeof ZPetition>;

/** A letter, call or visit registered by hand in the same inbox. */
export const ZPetitionRegister = z
  .strictObject({
    ...reportFields,
    channel: z.enum(['letter', 'phone', 'visit'], { error: '来源渠道应为来信、来电或来访' }),
    orgId: zId,
    receivedOn: zDate('收到日期'),
  })
  .superRefine(identityRule);
export type TPetitionRegister = z.infer<typeof ZPetitionRegister>;

export const ZPetitionTriage = z
  .strictObject({
    version: z.number().int().min(1),
    to: z.enum(['accepted', 'forwarded', 'closed'], { error: '分办结果不在可选范围内' }),
    discipline: ZDiscipline.optional(),
    keyPost: z.boolean().optional(),
    forwardTo: zText('转交单位', { max: 100 }).optional(),
    note: zText('办理意见', { min: 0, max: 500, multiline: true }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.to === 'accepted' && !v.discipline)
      ctx.addIssue({ code: 'custom', message: '受理时请选择涉及的纪律类别', path: ['discipline'] });
    if (v.to === 'forwarded' && !v.forwardTo)
      ctx.addIssue({ code: 'custom', message: '转交时请填写转交单位', path: ['forwardTo'] });
  });
export type TPetitionTriage = z.infer<typeof ZPetitionTriage>;

export const ZPetitionReply = z.strictObject({ body: zText('答复内容', { max: 2000, multiline: true }) });

export const ZPetitionIdentity = z.object({ reporterName: z.string(), reporterPhone: z.string() });

/* ---------- QR codes and the announcement ---------- */

export const ZPublicCode = z.object({
  code: z.string(),
  url: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  role: z.enum(['primary', 'village']),
  open: z.boolean(),
});
export type TPublicCode = z.infer<typeof ZPublicCode>;
export const ZPublicCodeList = z.object({ items: z.array(ZPublicCode) });
export const ZPublicCodeUpdate = z.strictObject({ open: z.boolean({ error: '请指定开启或关闭' }) });

/** 巡察公告: what the poster and the public page say. */
const announcementFields = {
  periodFrom: zDate('进驻开始日期'),
  periodTo: zDate('进驻结束日期'),
  scope: zText('受理范围', { max: 500, multiline: true }),
  phone: zText('举报电话', { max: 50 }),
  mailbox: zText('邮政信箱', { max: 100 }),
  email: zText('电子邮箱', { min: 0, max: 100 }).optional(),
  hours: zText('受理时间', { min: 0, max: 100 }).optional(),
};
export const ZAnnouncementUpdate = z
  .strictObject({ ...announcementFields, version: z.number().int().min(0) })
  .refine((v) => v.periodFrom <= v.periodTo, { message: '结束日期不能早于开始日期', path: ['periodTo'] });
export type TAnnouncementUpdate = z.infer<typeof ZAnnouncementUpdate>;
export const ZAnnouncement = z.object({
  inspectionId: z.string(),
  teamName: z.string().nullable(),
  periodFrom: z.string(),
  periodTo: z.string(),
  scope: z.string(),
  phone: z.string(),
  mailbox: z.string(),
  email: z.string().nullable(),
  hours: z.string().nullable(),
  version: z.number().int(),
});
export type TAnnouncement = z.infer<typeof ZAnnouncement>;

/**
 * The 巡察公告 poster as words: the server lays it out as .docx, the browser draws it as an A4
 * .png from the same content, so the two never say different things.
 */
export const ZPoster = z.object({
  /** 中共XX市委第X巡察组 */
  heading: z.string(),
  paragraphs: z.array(z.string()),
  url: z.string(),
  caption: z.string(),
  issuer: z.string(),
  date: z.string(),
  orgName: z.string(),
  /** The export stamp, as on every file the platform hands out. */
  serial: z.string(),
  exporterName: z.string(),
});
export type TPoster = z.infer<typeof ZPoster>;

/** The default 受理范围 text of a 巡察公告, as offices print it. */
export const DEFAULT_ANNOUNCEMENT_SCOPE =
  '主要受理反映被巡察党组织领导班子及其成员、下一级党组织主要负责人和重要岗位领导干部违反政治纪律、组织纪律、廉洁纪律、群众纪律、工作纪律、生活纪律等方面问题的来信来电来访。其他不属于巡察受理范围的信访问题，将按规定转交被巡察党组织和有关部门处理。';

/** What the public page shows when a code is scanned. A closed code shows only who ran it. */
export const ZPublicLanding = z.object({
  code: z.string(),
  open: z.boolean(),
  authorityName: z.string(),
  teamName: z.string().nullable(),
  orgName: z.string().nullable(),
  announcement: ZAnnouncement.omit({ inspectionId: true, version: true }).nullable(),
  surveys: z.array(z.object({ title: z.string(), kind: z.string(), code: z.string() })),
});
export type TPublicLanding = z.infer<typeof ZPublicLanding>;
