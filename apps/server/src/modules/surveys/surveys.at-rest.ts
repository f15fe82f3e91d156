import { eq } from 'drizzle-orm';
import { surveyAnswers, surveySpentTokens } from '../../db/schema/surveys.ts';
import { sealPendingTable } from '../../platform/at-rest.ts';
import type { Db } from '../../platform/db.ts';
import type { FieldCipher, KeyRing } from '../../platform/keys.ts';
import { sealTexts, spentTokenMac } from './surveys.sealed.ts';

/**
 * First start after issue 10: answers written before keep their free text in at_rest_pending
 * until it is sealed into texts_enc, and their `batch:index` token key until it is recorded as a
 * spent MAC apart from the answer (migration 0011 has already cut it from the answer row). Each
 * slice is one transaction; a spent MAC already recorded is left as it is.
 */
export async function sealPendingAnswers(db: Db, keys: KeyRing, cipher: FieldCipher): Promise<number> {
  return sealPendingTable(db, 'survey_answers', async (tx, values) => {
    for (const [id, cols] of values) {
      const texts = cols.get('texts');
      if (texts)
        await tx
          .update(surveyAnswers)
          .set({ textsEnc: sealTexts(cipher, id, JSON.parse(texts) as Record<string, string>) })
          .where(eq(surveyAnswers.id, id));
      const m = /^([0-9a-f-]{36}):(\d+)$/.exec(cols.get('token_key') ?? '');
      if (m)
        await tx
          .insert(surveySpentTokens)
          .values({ tokenMac: spentTokenMac(keys, m[1] as string, Number(m[2])), batchId: m[1] as string })
          .onConflictDoNothing();
    }
  });
}
