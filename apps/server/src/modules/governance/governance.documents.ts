import { bulletinOutline, type TRecipientKind } from '@xc/domain';
import { asc, eq, inArray } from 'drizzle-orm';
import {
  bulletinProblems,
  bulletinRecipients,
  commonProblemFindings,
  commonProblems,
} from '../../db/schema/governance.ts';
import { auditExport } from '../../platform/audit.ts';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import { buildOfficialDocx, type DocBlock } from '../../platform/documents.ts';
import { newExportSerial } from '../../platform/spreadsheets.ts';
import { authorityById, orgsByIds } from '../orgs/index.ts';
import { loadBulletin, loadInboxBulletin } from './governance.bulletins.ts';

// The 分类通报 as a document in 公文格式 (GB/T 9704 via platform/documents.ts): the text comes from
// domain bulletinOutline, so what a test reads of the outline is what the recipients read — the
// organizations named only when the office chose to name them.

type BulletinRow = Awaited<ReturnType<typeof loadBulletin>>;

async function bulletinDocx(deps: AppDeps, ctx: RequestCtx, r: BulletinRow, action: string) {
  const { db } = deps;
  const now = deps.clock.now();
  const [authority, problems, recipients] = await Promise.all([
    authorityById(db, r.authorityId),
    db
      .select({ id: commonProblems.id, name: commonProblems.name, description: commonProblems.description })
      .from(bulletinProblems)
      .innerJoin(commonProblems, eq(commonProblems.id, bulletinProblems.commonProblemId))
      .where(eq(bulletinProblems.bulletinId, r.id))
      .orderBy(asc(bulletinProblems.position)),
    db
      .select({ kind: bulletinRecipients.kind, name: bulletinRecipients.name })
      .from(bulletinRecipients)
      .where(eq(bulletinRecipients.bulletinId, r.id))
      .orderBy(asc(bulletinRecipients.position)),
  ]);
  const links = problems.length
    ? await db
        .select()
        .from(commonProblemFindings)
        .where(
          inArray(
            commonProblemFindings.commonProblemId,
            problems.map((p) => p.id),
          ),
        )
    : [];
  const orgs = await orgsByIds(
    db,
    links.map((l) => l.orgId),
  );
  const outline = bulletinOutline({
    authorityName: authority?.name ?? '',
    number: r.number,
    title: r.title,
    sector: r.sector,
    date: r.approvedOn,
    recipients: recipients.map((x) => ({ kind: x.kind as TRecipientKind, name: x.name })),
    intro: r.intro,
    requestedActions: r.requestedActions,
    nameOrganizations: r.nameOrganizations,
    problems: problems.map((p) => {
      const mine = links.filter((l) => l.commonProblemId === p.id);
      return {
        name: p.name,
        description: p.description,
        inspections: new Set(mine.map((l) => l.inspectionId)).size,
        organizations: [...new Set(mine.map((l) => l.orgId))].map((o) => orgs.get(o)?.name ?? ''),
      };
    }),
  });
  const blocks: DocBlock[] = [
    { kind: 'p', text: outline.addressees },
    ...outline.paragraphs.map(
      (p): DocBlock => ({ kind: p.kind === 'heading1' ? 'h1' : p.kind === 'heading2' ? 'h2' : 'p', text: p.text }),
    ),
  ];
  const stamp = { exporterName: ctx.actor.displayName, at: now, serial: newExportSerial(now) };
  const data = await buildOfficialDocx({
    title: outline.title,
    subtitle: outline.number ?? '（草稿，未编号）',
    blocks,
    issuer: outline.signature,
    ...(outline.date ? { date: outline.date } : {}),
    stamp,
  });
  await auditExport(db, ctx, now, action, stamp.serial, { bulletinId: r.id, number: r.number });
  return { data, name: `${r.number ?? '通报草稿'}-${r.title.slice(0, 40)}-${stamp.serial}.docx` };
}

/** GET /api/bulletins/{id}.docx: the office's copy (a draft too, marked unnumbered). */
export async function officeBulletinDocx(deps: AppDeps, ctx: RequestCtx, id: string) {
  return bulletinDocx(deps, ctx, await loadBulletin(deps, ctx, id, 'governance:read'), 'bulletin.exportDocx');
}

/** GET /api/inbox/bulletins/{id}.docx: a recipient's copy of a bulletin sent to it. */
export async function inboxBulletinDocx(deps: AppDeps, ctx: RequestCtx, id: string) {
  return bulletinDocx(deps, ctx, await loadInboxBulletin(deps, ctx, id), 'bulletin.inboxDocx');
}
