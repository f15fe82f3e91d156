import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  loginAs,
  makeAuthority,
  makeOrg,
  planInspection,
  publicCodeOf,
  type TestContext,
} from '../../test/helpers.ts';
import { auditLog, petitions } from '../db/schema/index.ts';
import { verifyAuditChain } from '../platform/audit.ts';
import { FieldCipher, loadKeyRing } from '../platform/keys.ts';
import { addFieldKey, reencryptFields } from './rotate-keys.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xc-keys-'));
const keyFile = path.join(dir, 'field-keys.json');
let t: TestContext;
const names = ['陈晓明', '刘建华', '王丽'];

beforeAll(async () => {
  t = await buildTestApp({ keyFile, totpRequiredByDefault: false });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Three named reports, whose names and phones are sealed under the key file's current key. */
async function namedReports() {
  const city = await makeAuthority(t, { name: '赣州市委巡察办' });
  const org = await makeOrg(t, { authorityId: city, name: '赣州市财政局' });
  const staff = await loginAs(t, { role: 'officeStaff', scopeId: city });
  const { inspectionId } = await planInspection(staff, { authorityId: city, targetOrgIds: [org] });
  const code = await publicCodeOf(staff, inspectionId);
  for (const [i, name] of names.entries()) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/public/codes/${code}/reports`,
      payload: {
        anonymous: false,
        reporterName: name,
        reporterPhone: `1390797000${i}`,
        content: '该局副局长长期违规使用公车办私事，并在节假日收受下属单位购物卡。',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}

describe('field-key rotation', () => {
  it('adds a key version, rewrites every value under it, keeps the old key, and is audited', async () => {
    await namedReports();
    const before = await t.database.db.select().from(petitions);
    expect(before.map((p) => p.reporterNameEnc?.slice(0, 3))).toEqual(['v1.', 'v1.', 'v1.']);
    const old = loadKeyRing(keyFile);

    const ring = addFieldKey(keyFile);
    expect(ring.current).toBe(2);
    expect([...ring.fieldKeys.keys()].sort()).toEqual([1, 2]);
    expect(ring.fieldKeys.get(1)?.equals(old.fieldKeys.get(1) as Buffer)).toBe(true);
    expect(ring.receiptSalt.equals(old.receiptSalt)).toBe(true);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);

    // A batch of one, so the paging through the table is exercised.
    const r = await reencryptFields(t.database.db, ring, t.clock, 1);
    expect(r).toEqual(
      expect.arrayContaining([
        { table: 'petitions', column: 'reporter_name', rewritten: 3 },
        { table: 'petitions', column: 'reporter_phone', rewritten: 3 },
        { table: 'petitions', column: 'content', rewritten: 3 },
        { table: 'petitions', column: 'search', rewritten: 3 },
      ]),
    );
    const after = await t.database.db.select().from(petitions);
    const cipher = new FieldCipher(ring);
    for (const p of after) {
      const was = before.find((b) => b.id === p.id);
      expect(p.reporterNameEnc?.startsWith('v2.')).toBe(true);
      expect(p.reporterNameEnc).not.toBe(was?.reporterNameEnc);
      expect(p.version).toBe(was?.version);
      expect(names).toContain(cipher.decrypt('petitions', p.id, 'reporter_name', p.reporterNameEnc as string));
    }
    // The ring from before the rotation cannot read the new values; the new ring still reads old ones.
    const one = after[0] as (typeof after)[0];
    expect(() =>
      new FieldCipher(old).decrypt('petitions', one.id, 'reporter_name', one.reporterNameEnc as string),
    ).toThrow(/version 2/);
    const was = before.find((b) => b.id === one.id);
    expect(cipher.decrypt('petitions', one.id, 'reporter_phone', was?.reporterPhoneEnc as string)).toMatch(/^1390797/);

    // Again: nothing left to do.
    expect((await reencryptFields(t.database.db, ring, t.clock)).every((x) => x.rewritten === 0)).toBe(true);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'keys.rotate'));
    expect(audits).toHaveLength(2);
    expect((await verifyAuditChain(t.database.db)).firstBrokenSeq).toBeNull();
  });

  it('refuses a damaged key file without writing to it', () => {
    const bad = path.join(dir, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify({ format: 'xc-keys', current: 3, fieldKeys: { '1': '00' } }));
    const text = fs.readFileSync(bad, 'utf8');
    expect(() => addFieldKey(bad)).toThrow();
    expect(fs.readFileSync(bad, 'utf8')).toBe(text);
  });
});
