import { batchName, type TPublicNotice } from '@xc/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { publicationBatches, publicationEntries, publicationItems } from '../../db/schema/rectification.ts';
import { notFound } from '../../platform/access.ts';
import type { AppDeps } from '../../platform/context.ts';
import { authorityById, orgsByIds } from '../orgs/index.ts';

// The public notice of a published batch (/p/ page, no session): the organizations published in
// it (not those deferred) with the items of the 社会公开 version only — nothing withheld, no
// reasons for withholding, no names of people, no grades.

export async function publicNotice(deps: AppDeps, batchId: string): Promise<TPublicNotice> {
  const { db } = deps;
  const b = (
    await db
      .select()
      .from(publicationBatches)
      .where(and(eq(publicationBatches.id, batchId), eq(publicationBatches.status, 'published')))
  )[0];
  if (!b?.publishedOn) throw notFound('公开批次');
  const entries = await db
    .select()
    .from(publicationEntries)
    .where(and(eq(publicationEntries.batchId, b.id), eq(publicationEntries.deferred, false)))
    .orderBy(asc(publicationEntries.seq));
  const items = entries.length
    ? await db
        .select({ entryId: publicationItems.entryId, text: publicationItems.text })
        .from(publicationItems)
        .where(
          and(
            inArray(
              publicationItems.entryId,
              entries.map((e) => e.id),
            ),
            eq(publicationItems.withheld, false),
          ),
        )
        .orderBy(asc(publicationItems.seq))
    : [];
  const [authority, orgs] = await Promise.all([
    authorityById(db, b.authorityId),
    orgsByIds(
      db,
      entries.map((e) => e.orgId),
    ),
  ]);
  return {
    authorityName: authority?.name ?? '',
    batchName: batchName(b.number),
    title: b.title,
    publishedOn: b.publishedOn,
    entries: entries.map((e) => ({
      orgName: orgs.get(e.orgId)?.name ?? '',
      findings: e.findings,
      rectified: e.rectified,
      items: items.filter((i) => i.entryId === e.id).map((i) => i.text),
    })),
  };
}
