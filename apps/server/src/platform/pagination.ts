import { AppError, ErrorCode } from '@xc/domain';
import type { SQL } from 'drizzle-orm';

/**
 * Keyset pagination: the cursor is the sort key of the last row, opaque to the client. Each key
 * part has a type, checked when the cursor is decoded, so a forged or damaged cursor answers 400
 * instead of reaching the database as a bad uuid or date.
 */
export type CursorPart = 'text' | 'uuid' | 'date' | 'timestamp' | 'int';

const PART_OK: Record<CursorPart, (v: string) => boolean> = {
  text: (v) => v.length <= 1000,
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  date: (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
  timestamp: (v) => /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(v) && !Number.isNaN(Date.parse(v)),
  int: (v) => /^-?\d{1,15}$/.test(v),
};

const BAD_CURSOR = () => new AppError(ErrorCode.BadRequest, '分页游标无效');

export function decodeCursor(c: string | undefined, parts: readonly CursorPart[]): string[] | null {
  if (!c) return null;
  let v: unknown;
  try {
    v = JSON.parse(Buffer.from(c, 'base64url').toString('utf8'));
  } catch {
    throw BAD_CURSOR();
  }
  if (!Array.isArray(v) || v.length !== parts.length) throw BAD_CURSOR();
  const out = v.map(String);
  if (!v.every((x) => typeof x === 'string' || typeof x === 'number')) throw BAD_CURSOR();
  parts.forEach((p, i) => {
    if (!PART_OK[p](out[i] as string)) throw BAD_CURSOR();
  });
  return out;
}

export const encodeCursor = (v: (string | number)[]) => Buffer.from(JSON.stringify(v)).toString('base64url');

export interface PageRequest<Row> {
  limit: number;
  cursor: string | undefined;
  /** The sort key's parts, in order: what `key` returns and what `after` receives. */
  parts: readonly CursorPart[];
  /** The sort key of a row, for the next cursor (give it after `fetch`, so TypeScript infers the row type from `fetch`). */
  key: (row: Row) => (string | number)[];
  /** The condition "comes after this key" in the list's order. */
  after: (key: string[]) => SQL;
  /** The total under the filters (without the cursor). */
  count: () => Promise<number>;
  /** `n` rows in the list's order, after `from` when there is a cursor. */
  fetch: (from: SQL | undefined, n: number) => PromiseLike<Row[]>;
}

export interface Page<Row> {
  rows: Row[];
  total: number;
  nextCursor: string | null;
}

/** One page of a keyset-paginated list: one row more than asked tells whether there is a next page. */
export async function paginate<Row>(r: PageRequest<Row>): Promise<Page<Row>> {
  const { rows, total, nextCursor } = await pageOf(r);
  return { rows, total: await total, nextCursor };
}

export interface ItemPage<Item> {
  items: Item[];
  total: number;
  nextCursor: string | null;
}

/**
 * One page as the API answers it: `items` turns the page's rows into the answer's items (labels,
 * names, warnings: more round trips) while the total is still being counted. A filtered total over
 * a large table is often the slowest statement of a list; the page no longer waits for it and then
 * for its labels one after the other.
 */
export async function paginateItems<Row, Item>(
  r: PageRequest<Row>,
  items: (rows: Row[]) => Promise<Item[]> | Item[],
): Promise<ItemPage<Item>> {
  const page = await pageOf(r);
  const [out, total] = await Promise.all([items(page.rows), page.total]);
  return { items: out, total, nextCursor: page.nextCursor };
}

async function pageOf<Row>(r: PageRequest<Row>) {
  const cur = decodeCursor(r.cursor, r.parts);
  const total = r.count();
  // Settled by the caller; a failure of the page's own query must not leave it unhandled meanwhile.
  total.catch(() => {});
  const rows = await r.fetch(cur ? r.after(cur) : undefined, r.limit + 1);
  const page = rows.slice(0, r.limit);
  const last = page[page.length - 1];
  return { rows: page, total, nextCursor: rows.length > r.limit && last ? encodeCursor(r.key(last)) : null };
}
