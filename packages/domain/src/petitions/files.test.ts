import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { textProblem } from '../common/text.ts';
import { safeFileName } from './files.ts';

describe('the name a file is stored and served under', () => {
  it('keeps the uploaded base name and takes the extension of the kind its bytes are', () => {
    expect(safeFileName('../../evil.html', 'jpg')).toBe('evil.jpg');
    expect(safeFileName('C:\\Users\\a\\现场照片.PNG', 'png')).toBe('现场照片.png');
    expect(safeFileName('举报材料', 'pdf')).toBe('举报材料.pdf');
    expect(safeFileName('a.tar.gz', 'docx')).toBe('a.tar.docx');
    expect(safeFileName('..', 'jpg')).toBe('附件.jpg');
    expect(safeFileName('.htaccess', 'jpg')).toBe('htaccess.jpg');
    expect(safeFileName('a\u202egpj.exe', 'jpg')).toBe('agpj.jpg');
    expect(safeFileName('what?<>:"|*.doc', 'doc')).toBe('what_______.doc');
  });

  it('always ends in the given extension, with no path, control or bidi character and at most 80 code points', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.constantFrom('jpg', 'png', 'pdf', 'docx', 'mp4'), (s, ext) => {
        const n = safeFileName(s, ext);
        expect(n.endsWith(`.${ext}`)).toBe(true);
        expect(n).not.toMatch(/[\\/<>:"|?*]/);
        expect(textProblem(n)).toBeNull();
        expect(n.startsWith('.')).toBe(false);
        expect([...n].length).toBeLessThanOrEqual(80);
      }),
    );
  });
});
