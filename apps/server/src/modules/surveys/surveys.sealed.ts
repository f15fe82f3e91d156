import type { TSurveyAnswers } from '@xc/domain';
import { cryptoProvider } from '../../platform/crypto.ts';
import type { FieldCipher, KeyRing } from '../../platform/keys.ts';

/**
 * What survey answers keep at rest (issue 10, items 7 and 8). Choice answers stay readable for
 * the tallies; free text (which can name people, or the person answering) is sealed. A used
 * single-use link is remembered only as a keyed MAC of its batch and index, in a table of its own.
 */

/** Free-text answers apart from the choices. */
export function splitAnswers(answers: TSurveyAnswers): {
  choices: TSurveyAnswers;
  texts: Record<string, string> | null;
} {
  const choices: TSurveyAnswers = {};
  const texts: Record<string, string> = {};
  for (const [k, v] of Object.entries(answers)) {
    if (typeof v === 'string') texts[k] = v;
    else choices[k] = v;
  }
  return { choices, texts: Object.keys(texts).length ? texts : null };
}

export function sealTexts(cipher: FieldCipher, answerId: string, texts: Record<string, string> | null): string | null {
  return texts ? cipher.encrypt('survey_answers', answerId, 'texts', JSON.stringify(texts)) : null;
}

/** A sheet as it was answered: the choices with the free text opened back in. */
export function openAnswers(
  cipher: FieldCipher,
  row: { id: string; answers: TSurveyAnswers; textsEnc: string | null },
): TSurveyAnswers {
  if (!row.textsEnc) return row.answers;
  const texts = JSON.parse(cipher.decrypt('survey_answers', row.id, 'texts', row.textsEnc)) as Record<string, string>;
  return { ...row.answers, ...texts };
}

const spentKeys = new WeakMap<KeyRing, Buffer>();

/**
 * The spent-token record of link `index` of `batchId`: HMAC-SM3 under a key derived from the
 * link-signing key. Computable by the server for a link it is given; not by someone who reads
 * the table and wants to know which numbered slip an entry was.
 */
export function spentTokenMac(keys: KeyRing, batchId: string, index: number): string {
  let key = spentKeys.get(keys);
  if (!key) {
    key = cryptoProvider.hmacSm3(keys.tokenKey, 'xc-survey-spent-token-key');
    spentKeys.set(keys, key);
  }
  const head = Buffer.alloc(20);
  Buffer.from(batchId.replaceAll('-', ''), 'hex').copy(head, 0);
  head.writeUInt32BE(index, 16);
  return cryptoProvider.hmacSm3(key, head).subarray(0, 16).toString('hex');
}

/** An answer sheet's stored columns: the choices and the sealed free text (for the demo seed). */
export function answerColumns(cipher: FieldCipher, id: string, answers: TSurveyAnswers) {
  const { choices, texts } = splitAnswers(answers);
  return { answers: choices, textsEnc: sealTexts(cipher, id, texts) };
}
