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
