import { createCipheriv } from 'node:crypto';
import { cryptoProvider } from './crypto.ts';
import type { KeyRing } from './keys.ts';

/**
 * A keyed Bloom filter per row over the characters and bigrams of a sealed text (a secure index in
 * the manner of Goh, 2003), so that a keyword search decrypts only the rows that may match instead
 * of every row the caller may see (issue 10, item 8; bench/petition-search.bench.ts).
 *
 * Each gram's bit positions are SM4 (native, via OpenSSL) of the gram under a key and the row's
 * id — a two-block CBC-MAC, a PRF on fixed-length input — so the same word sets different bits in
 * every row: unlike deterministic n-gram tokens, the filters cannot be compared across rows or
 * counted for frequencies, and say nothing without the key but their size (about the text's
 * length, which its ciphertext shows already). No false negatives; about 1% false positives per
 * gram, and every candidate is confirmed by decrypting it.
 *
 * The key is derived from the key file's link-signing key, which does not rotate with the field
 * keys, so a field-key rotation leaves the filters valid.
 */
const BITS_PER_GRAM = 10;
/** Five 24-bit positions per gram, from one 16-byte SM4 block. */
const K = 5;
/** A query's grams tested at most: the candidates are confirmed anyway. */
const QUERY_GRAMS = 8;

const keys = new WeakMap<KeyRing, BlindIndex>();

export class BlindIndex {
  private constructor(private readonly key: Buffer) {}

  static of(ring: KeyRing, purpose = 'petitions.search'): BlindIndex {
    let b = keys.get(ring);
    if (!b) {
      b = new BlindIndex(cryptoProvider.hmacSm3(ring.tokenKey, `xc-blind-index|${purpose}`).subarray(0, 16));
      keys.set(ring, b);
    }
    return b;
  }

  private ecb(data: Buffer): Buffer {
    const c = createCipheriv('sm4-ecb', this.key, null).setAutoPadding(false);
    return Buffer.concat([c.update(data), c.final()]);
  }

  /** The filter of one row's (folded) text: every character and bigram in it. */
  build(rowId: string, text: string): Buffer {
    const grams = gramsOf(text, false);
    const bits = Math.max(64, Math.ceil((grams.length * BITS_PER_GRAM) / 64) * 64);
    const filter = Buffer.alloc(bits / 8);
    const salt = this.ecb(idBytes(rowId));
    const blocks = Buffer.alloc(grams.length * 16);
    grams.forEach((g, i) => {
      xorInto(blocks, i * 16, gramBlock(g), salt);
    });
    const out = this.ecb(blocks);
    for (let i = 0; i < grams.length; i++)
      for (let t = 0; t < K; t++) {
        const o = i * 16 + 3 * t;
        const p = (((out[o] as number) << 16) | ((out[o + 1] as number) << 8) | (out[o + 2] as number)) % bits;
        filter[p >> 3] = (filter[p >> 3] as number) | (1 << (p & 7));
      }
    return filter;
  }

  /**
   * For each row, whether it may contain every gram of `needle` (folded like the stored text). A
   * row without a filter may contain anything. One native SM4 pass over the remaining candidates
   * per gram: rows a first gram rules out cost nothing for the next.
   */
  mayContain(rows: readonly { id: string; filter: Buffer | null }[], needle: string): boolean[] {
    const grams = gramsOf(needle, true);
    const result = rows.map(() => true);
    if (!grams.length || !rows.length) return result;
    const ids = Buffer.alloc(rows.length * 16);
    rows.forEach((r, i) => {
      idBytes(r.id).copy(ids, i * 16);
    });
    const salts = this.ecb(ids);
    let live = rows.flatMap((r, i) => (r.filter?.length ? [i] : []));
    for (const g of grams) {
      if (!live.length) break;
      const block = gramBlock(g);
      const x = Buffer.alloc(live.length * 16);
      live.forEach((row, j) => {
        xorInto(x, j * 16, block, salts, row * 16);
      });
      const out = this.ecb(x);
      const still: number[] = [];
      live.forEach((row, j) => {
        const f = rows[row]?.filter as Buffer;
        const bits = f.length * 8;
        for (let t = 0, o = j * 16; t < K; t++, o += 3) {
          const p = (((out[o] as number) << 16) | ((out[o + 1] as number) << 8) | (out[o + 2] as number)) % bits;
          if (!((f[p >> 3] as number) & (1 << (p & 7)))) {
            result[row] = false;
            return;
          }
        }
        still.push(row);
      });
      live = still;
    }
    return result;
  }
}

/**
 * The characters and bigrams of a stored text (distinct), or what a query needs of its own: its
 * character when it has one, else its bigrams, at most QUERY_GRAMS of them spread over the word.
 */
export function gramsOf(text: string, query: boolean): string[] {
  const cps = [...text];
  const bigrams = new Set<string>();
  for (let i = 0; i + 1 < cps.length; i++) bigrams.add(`${cps[i]}${cps[i + 1]}`);
  if (!query) return [...new Set(cps), ...bigrams];
  if (cps.length === 1) return cps;
  const all = [...bigrams];
  if (all.length <= QUERY_GRAMS) return all;
  return Array.from(
    { length: QUERY_GRAMS },
    (_, i) => all[Math.round((i * (all.length - 1)) / (QUERY_GRAMS - 1))] as string,
  );
}

/** A gram as one block: its length, then its code points. */
function gramBlock(g: string): Buffer {
  const b = Buffer.alloc(16);
  const cps = [...g];
  b[0] = cps.length;
  cps.forEach((c, i) => {
    b.writeUInt32BE(c.codePointAt(0) as number, 4 + 4 * i);
  });
  return b;
}

function idBytes(id: string): Buffer {
  return Buffer.from(id.replaceAll('-', ''), 'hex');
}

function xorInto(out: Buffer, at: number, a: Buffer, b: Buffer, bAt = 0): void {
  for (let i = 0; i < 16; i++) out[at + i] = (a[i] as number) ^ (b[bAt + i] as number);
}
