import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from './db.ts';

/**
 * Values written in clear before issue 10 wait in `at_rest_pending` (table, row id, column,
 * value; migration 0011) until the first start seals them. Each module seals its own tables
 * through these helpers: take a slice of rows, write their sealed columns and delete their pending
 * values in one transaction. A run that stops half-way leaves the rest pending, a second run (or
 * a second instance starting at the same time: the slice is locked, SKIP LOCKED) finds only what
 * is left, and nothing is sealed twice.
 */
export type PendingValues = Map<string, Map<string, string>>;

export async function takePending(tx: Db, table: string, limit: number): Promise<PendingValues> {
  const rows = rowsOf<{ row_id: string; col: string; value: string }>(
    await tx.execute(sql`
      select row_id, col, value from at_rest_pending
      where tbl = ${table} and row_id in (
        select row_id from at_rest_pending where tbl = ${table} group by row_id order by row_id limit ${limit})
      order by row_id
      for update skip locked`),
  );
  const out: PendingValues = new Map();
  for (const r of rows) {
    let cols = out.get(r.row_id);
    if (!cols) {
      cols = new Map();
      out.set(r.row_id, cols);
    }
    cols.set(r.col, r.value);
  }
  return out;
}

export async function donePending(tx: Db, table: string, rowIds: string[]): Promise<void> {
  if (!rowIds.length) return;
  await tx.execute(
    sql`delete from at_rest_pending where tbl = ${table} and row_id in (${sql.join(
      rowIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
}

/**
 * Seals one table's pending values slice by slice with `seal(tx, values)`, which writes the
 * sealed columns of those rows; returns how many rows were sealed.
 */
export async function sealPendingTable(
  db: Db,
  table: string,
  seal: (tx: Db, values: PendingValues) => Promise<void>,
  slice = 200,
): Promise<number> {
  let done = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const values = await takePending(tx, table, slice);
      if (!values.size) return 0;
      await seal(tx, values);
      await donePending(tx, table, [...values.keys()]);
      return values.size;
    });
    if (!n) return done;
    done += n;
  }
}
