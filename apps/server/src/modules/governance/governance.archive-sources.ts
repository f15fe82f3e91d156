import type { TArchiveDocKind } from '@xc/domain';
import type { AppDeps, RequestCtx } from '../../platform/context.ts';
import type { ArchiveSource as PlatformArchiveSource } from '../../platform/documents.ts';
import { fieldworkArchiveSources } from '../fieldwork/index.ts';
import { personnelArchiveSources } from '../personnel/index.ts';
import { planningArchiveSources } from '../planning/index.ts';
import { rectificationArchiveSources } from '../rectification/index.ts';

// What an archived inspection files (issue 13, item 8): each module that keeps documents of an
// inspection offers them through its front door, with the builder of its own download, so the
// filed copy is the document the office already knows. A kind the product has no document for
// (the 巡察通知, meeting minutes, the evaluation, the publication) is simply not offered.

/** A document offered to the archive, of the kinds the catalogue knows. */
export type ArchiveSource = PlatformArchiveSource<TArchiveDocKind>;

/** Every document of the inspection the caller (the office) would file, not yet built. */
export async function archiveSourcesOf(
  deps: AppDeps,
  ctx: RequestCtx,
  inspection: { id: string; roundId: string },
): Promise<ArchiveSource[]> {
  const lists = await Promise.all([
    planningArchiveSources(deps, ctx, inspection.id),
    personnelArchiveSources(deps, ctx, inspection.roundId),
    fieldworkArchiveSources(deps, ctx, inspection.id),
    rectificationArchiveSources(deps, ctx, inspection.id),
  ]);
  return lists.flat();
}
