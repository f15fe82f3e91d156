import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, openTestDatabase } from '../../test/helpers.ts';
import type { Database } from './db.ts';
import { rowsOf } from './db.ts';
import { appRoleStatements, grantAppRole } from './db-roles.ts';

// Issue 10 item 4: on PostgreSQL the API's own role may add to the audit log and read it, never
// change or remove a row — a privilege the role does not have, not only the trigger (which an
// owner could drop). Only PostgreSQL has roles; on PGlite the trigger is the guard (tested with
// the audit chain).
describe.runIf(onPostgres())('the application role on PostgreSQL', () => {
  const role = `xc_app_${randomBytes(5).toString('hex')}`;
  let database: Database;
  let drop: () => Promise<void>;
  let app: pg.Client;

  beforeAll(async () => {
    ({ database, drop } = await openTestDatabase());
    await database.db.execute(sql.raw(`create role ${role} login`));
    await grantAppRole(database.db, role);
    const name = rowsOf<{ name: string }>(await database.db.execute(sql`select current_database() as name`))[0]?.name;
    if (!name) throw new Error('no current database');
    const url = new URL(process.env.TEST_DATABASE_URL as string);
    url.username = role;
    url.password = '';
    url.pathname = `/${name}`;
    app = new pg.Client({ connectionString: url.toString() });
    await app.connect();
  });

  afterAll(async () => {
    await app?.end();
    await database?.close();
    await drop?.();
    // The role's grants went with its database; the role itself is cluster-wide.
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`drop role if exists ${role}`);
    await admin.end();
  });

  const insertRow = (seq: number) =>
    app.query(
      `insert into audit_log (seq, at, action, result, prev_hash, hash) values ($1, now(), 'test.marker', 'success', 'p', 'h')`,
      [seq],
    );

  it('may insert into and read the audit log', async () => {
    await insertRow(900_000_001);
    const r = await app.query('select action from audit_log where seq = 900000001');
    expect(r.rows).toEqual([{ action: 'test.marker' }]);
  });

  it.each([
    ['update', `update audit_log set action = 'rewritten' where seq = 900000001`],
    ['delete', 'delete from audit_log where seq = 900000001'],
    ['truncate', 'truncate audit_log'],
  ])('may not %s it: permission denied, the row unchanged', async (_what, statement) => {
    await expect(app.query(statement)).rejects.toMatchObject({ code: '42501' });
    const r = await app.query('select action from audit_log where seq = 900000001');
    expect(r.rows).toEqual([{ action: 'test.marker' }]);
  });

  it('may not drop the trigger that guards the log, nor alter the table', async () => {
    await expect(app.query('alter table audit_log disable trigger all')).rejects.toMatchObject({ code: '42501' });
    await expect(app.query('drop table audit_log')).rejects.toMatchObject({ code: '42501' });
  });

  it('purges only through audit_purge() after retention: never a DELETE of its own, never a purge record', async () => {
    // Two rows a year old (as the owner; the role's own inserts above carry now()), then a purge
    // of the older one through the owner's function, which the role may call.
    await database.db.execute(
      sql.raw(`insert into audit_log (seq, at, action, result, prev_hash, hash) values
        (1, now() - interval '400 days', 'test.old', 'success', 'p0', 'h1'),
        (2, now() - interval '300 days', 'test.old', 'success', 'h1', 'h2')`),
    );
    await expect(app.query('delete from audit_log where seq = 1')).rejects.toMatchObject({ code: '42501' });
    await expect(
      app.query(
        'insert into audit_purges (through_seq, through_hash, purged_rows, cutoff, at) values (1, $1, 1, now(), now())',
        ['h1'],
      ),
    ).rejects.toMatchObject({ code: '42501' });
    await expect(app.query('delete from audit_purges')).rejects.toMatchObject({ code: '42501' });
    // The marker the function sets gives the role nothing: it still has no DELETE privilege.
    await app.query('begin');
    try {
      await app.query(`select set_config('xc.audit_purge_through', '999999999999', true)`);
      await expect(app.query('delete from audit_log where seq = 1')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await app.query('rollback');
    }
    // Inside the retention period by the database's clock: refused.
    await expect(
      app.query(`select audit_purge(now() - interval '100 days', 180, null, '审计员')`),
    ).rejects.toMatchObject({ code: '22023' });
    const r = await app.query(`select audit_purge(now() - interval '350 days', 180, null, '审计员') as n`);
    expect(r.rows).toEqual([{ n: 1 }]);
    expect((await app.query('select seq from audit_log where seq < 3 order by seq')).rows).toEqual([{ seq: '2' }]);
    expect((await app.query('select through_seq, through_hash, purged_rows from audit_purges')).rows).toEqual([
      { through_seq: '1', through_hash: 'h1', purged_rows: 1 },
    ]);
    // The row the role inserted above is untouched, and a second DELETE of its own is still refused.
    await expect(app.query('delete from audit_log where seq = 2')).rejects.toMatchObject({ code: '42501' });
    expect((await app.query('select action from audit_log where seq = 900000001')).rows).toEqual([
      { action: 'test.marker' },
    ]);
  });

  it('reads and writes the business tables, including those of later migrations (default privileges)', async () => {
    await expect(app.query('select count(*) from users')).resolves.toBeTruthy();
    await database.db.execute(sql.raw('create table later_migration_probe (id int primary key)'));
    await app.query('insert into later_migration_probe values (1)');
    await app.query('delete from later_migration_probe');
  });

  it('refuses a role name that could smuggle SQL', () => {
    expect(() => appRoleStatements('app; drop table users')).toThrow(/角色名不合法/);
  });
});
