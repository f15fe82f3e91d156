import { isIsoDate } from '../planning/calendar.ts';
import { chineseNumeral } from '../planning/schemas.ts';
import { BULLETIN_STATUS_LABELS, type TBulletinStatus, type TRecipientKind } from './schemas.ts';

/**
 * draft → approved (an office leader approves; the bulletin gets its number) → sent. Until it is sent
 * an approval may be withdrawn (approved → draft, the number freed for the next one); a sent
 * bulletin is a document on the recipients' desks and never changes again.
 */
export const BULLETIN_MOVES: Readonly<Record<TBulletinStatus, readonly TBulletinStatus[]>> = Object.freeze({
  draft: ['approved'],
  approved: ['sent', 'draft'],
  sent: [],
});

/** Chinese reason a bulletin cannot move from `from` to `to`, or null. */
export function bulletinMoveProblem(from: TBulletinStatus, to: TBulletinStatus): string | null {
  if (!Object.hasOwn(BULLETIN_MOVES, from) || !Object.hasOwn(BULLETIN_MOVES, to)) return '通报状态不在可选范围内';
  if (from === to) return `通报已是“${BULLETIN_STATUS_LABELS[to]}”状态`;
  if (from === 'sent') return '通报已印发，不能再变更';
  if (!BULLETIN_MOVES[from].includes(to))
    return `通报不能从“${BULLETIN_STATUS_LABELS[from]}”直接变为“${BULLETIN_STATUS_LABELS[to]}”`;
  return null;
}

/** Only a draft is edited; an approved bulletin goes back to draft first. */
export function bulletinEditProblem(status: TBulletinStatus): string | null {
  return status === 'draft' ? null : `通报已${BULLETIN_STATUS_LABELS[status]}，不能修改；如需修改请先撤回审批`;
}

/**
 * Whether a bulletin or reminder addressed to `recipient` is the viewer's to read: addressed to the
 * viewer's account, or to a 主管部门 the viewer is granted on. A recipient sees nothing else
 * (issue 13: "a recipient sees only what was addressed to it").
 */
export function isAddressedTo(
  recipient: { kind: TRecipientKind; orgId?: string | null | undefined; userId?: string | null | undefined },
  viewer: { userId: string; orgIds: readonly string[] },
): boolean {
  if (recipient.userId && recipient.userId === viewer.userId) return true;
  return recipient.kind === 'competentDept' && !!recipient.orgId && viewer.orgIds.includes(recipient.orgId);
}

/** 2026年3月5日: the 成文日期 of GB/T 9704, in Arabic numerals without leading zeros. */
export function documentDate(date: string): string {
  if (!isIsoDate(date)) throw new RangeError(`日期格式应为 YYYY-MM-DD 且为有效日期：${date}`);
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export interface TBulletinOutlineInput {
  /** The issuing office, as it signs: 中共××市委巡察工作领导小组办公室. */
  authorityName: string;
  number: string | null;
  title: string;
  sector: string;
  /** The 成文日期 (the approval date), or null for a draft. */
  date: string | null;
  recipients: readonly { kind: TRecipientKind; name: string }[];
  intro?: string | null;
  requestedActions: string;
  nameOrganizations: boolean;
  problems: readonly {
    name: string;
    description: string;
    inspections: number;
    /** Names of the organizations concerned; only their number is printed unless nameOrganizations. */
    organizations: readonly string[];
  }[];
}

export interface TBulletinOutline {
  number: string | null;
  title: string;
  /** 主送: the leaders, then the departments, ending with a full-width colon. */
  addressees: string;
  paragraphs: { kind: 'heading1' | 'heading2' | 'body'; text: string }[];
  signature: string;
  date: string | null;
}

/**
 * The text of a bulletin in 公文 order, for the .docx writer: addressees, the opening, 一、the
 * problems (each with how many inspections and organizations, the organizations named only when the
 * office chose to), 二、what the recipients are asked to do. Pure, so a test can read exactly what
 * the document will say, and that no organization is named when it must not be.
 */
export function bulletinOutline(b: TBulletinOutlineInput): TBulletinOutline {
  const leaders = b.recipients.filter((r) => r.kind === 'sectorLeader').map((r) => r.name);
  const depts = b.recipients.filter((r) => r.kind === 'competentDept').map((r) => r.name);
  const addressees = `${[leaders.join('、'), depts.join('、')].filter((s) => s !== '').join('，')}：`;
  const paragraphs: TBulletinOutline['paragraphs'] = [];
  const intro = b.intro?.trim()
    ? b.intro.trim()
    : `根据巡察工作安排，现将巡察发现的${b.sector}系统（领域）共性问题通报如下，请按照“一岗双责”要求，督促分管（主管）领域有关单位抓好整改。`;
  for (const p of paragraphsOf(intro)) paragraphs.push({ kind: 'body', text: p });
  paragraphs.push({ kind: 'heading1', text: '一、巡察发现的共性问题' });
  b.problems.forEach((p, i) => {
    paragraphs.push({ kind: 'heading2', text: `（${chineseNumeral(i + 1)}）${p.name}` });
    for (const t of paragraphsOf(p.description)) paragraphs.push({ kind: 'body', text: t });
    const n = new Set(p.organizations).size;
    const where =
      b.nameOrganizations && n > 0 ? `${[...new Set(p.organizations)].join('、')}共${n}个单位` : `${n}个单位`;
    paragraphs.push({ kind: 'body', text: `该问题在${p.inspections}次巡察中发现，涉及${where}。` });
  });
  paragraphs.push({ kind: 'heading1', text: '二、工作要求' });
  for (const p of paragraphsOf(b.requestedActions)) paragraphs.push({ kind: 'body', text: p });
  return {
    number: b.number,
    title: b.title,
    addressees,
    paragraphs,
    signature: b.authorityName,
    date: b.date ? documentDate(b.date) : null,
  };
}

function paragraphsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
