import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textProblem } from '../common/text.ts';
import { detectFileKind, displayFileName } from './files.ts';
import {
  canMovePetition,
  formatReceipt,
  PETITION_STATUSES,
  PETITION_TRANSITIONS,
  ZPetitionTriage,
  ZPublicReportCreate,
  ZReceipt,
} from './schemas.ts';

const base = { anonymous: true, content: '某单位负责人长期违规使用公车办私事。' };

describe('public reports', () => {
  it('anonymous reports carry no identity; named ones need a name and a valid phone', () => {
    expect(ZPublicReportCreate.safeParse(base).success).toBe(true);
    expect(ZPublicReportCreate.safeParse({ ...base, reporterName: '张三' }).success).toBe(false);
    expect(ZPublicReportCreate.safeParse({ ...base, anonymous: false }).success).toBe(false);
    const named = ZPublicReportCreate.safeParse({
      ...base,
      anonymous: false,
      reporterName: '张三',
      reporterPhone: '139 0797 0001',
    });
    expect(named.success && named.data.reporterPhone).toBe('13907970001');
    expect(
      ZPublicReportCreate.safeParse({ ...base, anonymous: false, reporterName: '张三', reporterPhone: '12345' })
        .success,
    ).toBe(false);
  });

  it('refuses unknown fields, too-short content and bidi overrides, in Chinese', () => {
    expect(ZPublicReportCreate.safeParse({ ...base, ip: '1.1.1.1' }).success).toBe(false);
    const short = ZPublicReportCreate.safeParse({ ...base, content: '太短了' });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.message).toContain('至少10个字');
    expect(ZPublicReportCreate.safeParse({ ...base, content: `${base.content}\u202e反转` }).success).toBe(false);
  });
});

describe('receipts', () => {
  it('accept 20 digits with spaces, dashes or full-width digits; refuse anything else', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{20}$/), (r) => {
        expect(ZReceipt.parse(formatReceipt(r))).toBe(r);
        expect(ZReceipt.parse(r.replace(/(\d{5})/g, '$1-'))).toBe(r);
      }),
    );
    expect(ZReceipt.parse('１２３４５６７８９０１２３４５６７８９０')).toBe('12345678901234567890');
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        const r = ZReceipt.safeParse(s);
        if (r.success) expect(r.data).toMatch(/^\d{20}$/);
      }),
    );
    expect(ZReceipt.safeParse('1234567890123456789').success).toBe(false);
  });
});

describe('triage', () => {
  it('closed is final, nothing goes back to received, and every move the table allows is allowed', () => {
    for (const from of PETITION_STATUSES)
      for (const to of PETITION_STATUSES) {
        expect(canMovePetition(from, to)).toBe(PETITION_TRANSITIONS[from].includes(to));
        if (from === 'closed' || to === 'received') expect(canMovePetition(from, to)).toBe(false);
      }
  });
  it('accepting needs a discipline, forwarding needs a department', () => {
    expect(ZPetitionTriage.safeParse({ version: 1, to: 'accepted' }).success).toBe(false);
    expect(ZPetitionTriage.safeParse({ version: 1, to: 'accepted', discipline: 'integrity' }).success).toBe(true);
    expect(ZPetitionTriage.safeParse({ version: 1, to: 'forwarded' }).success).toBe(false);
    expect(ZPetitionTriage.safeParse({ version: 1, to: 'forwarded', forwardTo: '市信访局' }).success).toBe(true);
  });
});

describe('uploads by magic bytes', () => {
  const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
  const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
  const mp4 = new TextEncoder().encode('\u0000\u0000\u0000\u0018ftypisom....');
  const pdf = new TextEncoder().encode('%PDF-1.7\n');

  it('recognises the allow-list whatever the name says', () => {
    expect(detectFileKind(jpeg)?.mime).toBe('image/jpeg');
    expect(detectFileKind(png)?.mime).toBe('image/png');
    expect(detectFileKind(mp4)?.kind).toBe('video');
    expect(detectFileKind(pdf)?.kind).toBe('document');
  });

  it('refuses HTML, scripts, SVG, executables and plain zips', () => {
    for (const s of [
      '<html><body>hi</body></html>',
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
      '#!/bin/sh\n',
      'MZ\u0090\u0000',
    ])
      expect(detectFileKind(new TextEncoder().encode(s))).toBeNull();
    expect(detectFileKind(new TextEncoder().encode('PK\u0003\u0004classes.dex'))).toBeNull();
  });

  it('random bytes that start with none of the signatures are never accepted', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 64 }), (b) => {
        const known = [0xff, 0x89, 0x47, 0x52, 0x25, 0xd0, 0x50];
        const ftyp = b.length >= 8 && String.fromCharCode(...b.subarray(4, 8)) === 'ftyp';
        if (!known.includes(b[0] ?? -1) && !ftyp) expect(detectFileKind(b)).toBeNull();
      }),
    );
  });

  it('display names keep the last path segment only, without controls', () => {
    expect(displayFileName('../../etc/passwd.jpg', 'jpg')).toBe('passwd.jpg');
    expect(displayFileName('C:\\Users\\a\\现场照片.jpg', 'jpg')).toBe('现场照片.jpg');
    expect(displayFileName('..', 'png')).toBe('附件.png');
    expect(displayFileName('a\u202egnp.exe', 'jpg')).toBe('agnp.exe');
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const n = displayFileName(s, 'pdf');
        expect(n).not.toMatch(/[\\/]/);
        expect(textProblem(n)).toBeNull();
        expect(n.startsWith('.')).toBe(false);
        expect([...n].length).toBeLessThanOrEqual(80);
      }),
    );
  });
});
