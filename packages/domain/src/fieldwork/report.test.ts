import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codePointLength, textProblem } from '../common/text.ts';
import { condense, diffLines, outlineCount, reportDraftText, reportOutline, type TLineDiffOp } from './report.ts';
import { DEFAULT_TAXONOMY } from './taxonomy.ts';

describe('condense', () => {
  it('keeps a short text whole, in one paragraph', () => {
    expect(condense('经查，该局2024年违规发放津贴补贴12.6万元。', 100)).toBe(
      '经查，该局2024年违规发放津贴补贴12.6万元。',
    );
    expect(condense('  第一段。\n\n  第二段。\r\n第三段。 ', 100)).toBe('第一段。第二段。第三段。');
    expect(condense('see\nthe audit', 100)).toBe('see the audit');
  });

  it('cuts after the last sentence end that fits, with a closing quote', () => {
    const t =
      '一是会议记录不全。二是“三重一大”事项未经集体决策！三是大额资金使用未按规定报批？四是整改不到位；五是其他。';
    expect(condense(t, 20)).toBe('一是会议记录不全。');
    expect(condense(t, 30)).toBe('一是会议记录不全。二是“三重一大”事项未经集体决策！');
    expect(condense('他说：“材料已经报送。”随后离开了会场，没有再作说明', 14)).toBe('他说：“材料已经报送。”');
  });

  it('cuts at the limit with an ellipsis when no sentence ends early enough', () => {
    expect(condense('甲'.repeat(50), 10)).toBe(`${'甲'.repeat(9)}…`);
    expect(condense(`甲。${'乙'.repeat(50)}`, 30)).toBe(`甲。${'乙'.repeat(27)}…`);
    expect(condense('甲乙', 1)).toBe('…');
    expect(() => condense('甲', 0)).toThrow(RangeError);
  });

  it('never splits a surrogate pair', () => {
    expect(condense('𠀀'.repeat(10), 5)).toBe(`${'𠀀'.repeat(4)}…`);
  });

  it('gives at most maxChars code points of the text, never a broken character (property)', () => {
    const text = fc.string({
      unit: fc.constantFrom('甲', '乙', '𠀀', '。', '！', '；', '”', '\n', ' ', 'a'),
      maxLength: 400,
    });
    fc.assert(
      fc.property(text, fc.integer({ min: 1, max: 200 }), (t, max) => {
        const c = condense(t, max);
        expect(codePointLength(c)).toBeLessThanOrEqual(max);
        expect(textProblem(c)).toBeNull();
        const whole = condense(t, 100_000);
        if (codePointLength(whole) <= max) expect(c).toBe(whole);
        else expect(whole.startsWith(c.endsWith('…') ? c.slice(0, -1) : c)).toBe(true);
      }),
    );
  });
});

describe('reportOutline', () => {
  const f = (id: string, node: string | null, facts = `${id}的问题事实。`) => ({
    id,
    title: `问题${id}`,
    facts,
    taxonomyNodeId: node,
  });

  it('groups by framework and aspect in taxonomy order, the unclassified last under 其他问题', () => {
    const outline = reportOutline(
      [
        f('1', 'sgls-3-02'),
        f('2', 'sgls-2-03'),
        f('3', null),
        f('4', 'sgls-2-05'),
        f('5', 'sgls-2'),
        f('6', 'sgjj-1-02'),
        f('7', 'gone'),
        f('8', 'sgls'),
        f('9', 'sgls-2-03'),
      ],
      DEFAULT_TAXONOMY,
    );
    expect(outline.map((s) => s.title)).toEqual(['四个落实', '三个聚焦', '其他问题']);
    const [sgls, sgjj, other] = outline;
    expect(sgls?.aspects.map((a) => a.title)).toEqual(['落实全面从严治党战略部署', '落实新时代党的组织路线', null]);
    expect(sgls?.aspects[0]?.findings.map((x) => x.id)).toEqual(['5', '2', '9', '4']);
    expect(sgls?.aspects[2]?.findings.map((x) => x.id)).toEqual(['8']);
    expect(sgjj?.aspects[0]?.findings.map((x) => x.id)).toEqual(['6']);
    expect(other?.frameworkId).toBeNull();
    expect(other?.aspects[0]?.findings.map((x) => x.id)).toEqual(['3', '7']);
    expect(outlineCount(outline)).toBe(9);
    expect(reportOutline([], DEFAULT_TAXONOMY)).toEqual([]);
  });

  it("condenses each finding's facts", () => {
    const long = `${'甲'.repeat(100)}。${'乙'.repeat(300)}。`;
    const [s] = reportOutline([f('1', 'sgls-2-03', long)], DEFAULT_TAXONOMY, 150);
    expect(s?.aspects[0]?.findings[0]?.summary).toBe(`${'甲'.repeat(100)}。`);
  });

  it('lists every finding exactly once (property)', () => {
    const nodes = [null, 'gone', ...DEFAULT_TAXONOMY.map((n) => n.id)];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...nodes), { maxLength: 40 }), (ids) => {
        const findings = ids.map((n, i) => f(String(i), n));
        const listed = reportOutline(findings, DEFAULT_TAXONOMY).flatMap((s) =>
          s.aspects.flatMap((a) => a.findings.map((x) => x.id)),
        );
        expect([...listed].sort()).toEqual(findings.map((x) => x.id).sort());
      }),
    );
  });
});

/** What the comparison page does: walk `a` along the diff and build `b`. */
function apply(a: string, diff: readonly TLineDiffOp[]): string {
  const src = a === '' ? [] : a.split('\n');
  const out: string[] = [];
  let i = 0;
  for (const d of diff) {
    if (d.op === 'insert') out.push(d.text);
    else {
      expect(src[i]).toBe(d.text);
      i++;
      if (d.op === 'equal') out.push(d.text);
    }
  }
  expect(i).toBe(src.length);
  return out.join('\n');
}

describe('diffLines', () => {
  it('shows what changed between two versions', () => {
    expect(diffLines('一\n二\n三', '一\n贰\n三\n四')).toEqual([
      { op: 'equal', text: '一' },
      { op: 'delete', text: '二' },
      { op: 'insert', text: '贰' },
      { op: 'equal', text: '三' },
      { op: 'insert', text: '四' },
    ]);
    expect(diffLines('', '')).toEqual([]);
    expect(diffLines('', '甲')).toEqual([{ op: 'insert', text: '甲' }]);
    expect(diffLines('甲\r\n乙', '甲\n乙')).toEqual([
      { op: 'equal', text: '甲' },
      { op: 'equal', text: '乙' },
    ]);
  });

  const doc = fc.array(fc.constantFrom('甲', '乙', '丙', '丁', ''), { maxLength: 30 }).map((l) => l.join('\n'));

  it('turns a into b, and equal texts into equal lines only (property)', () => {
    fc.assert(
      fc.property(doc, doc, (a, b) => {
        const d = diffLines(a, b);
        expect(apply(a, d)).toBe(b);
        expect(diffLines(a, a).every((x) => x.op === 'equal')).toBe(true);
      }),
    );
  });

  it('keeps as many lines as a longest common subsequence (property)', () => {
    const lcs = (x: string[], y: string[]): number => {
      const t = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
      for (let i = x.length - 1; i >= 0; i--)
        for (let j = y.length - 1; j >= 0; j--)
          (t[i] as number[])[j] =
            x[i] === y[j]
              ? ((t[i + 1] as number[])[j + 1] as number) + 1
              : Math.max((t[i + 1] as number[])[j] as number, (t[i] as number[])[j + 1] as number);
      return (t[0] as number[])[0] as number;
    };
    fc.assert(
      fc.property(doc, doc, (a, b) => {
        const equal = diffLines(a, b).filter((x) => x.op === 'equal').length;
        expect(equal).toBe(lcs(a === '' ? [] : a.split('\n'), b === '' ? [] : b.split('\n')));
      }),
    );
  });

  it('stays correct past the size limit', () => {
    const a = Array.from({ length: 2100 }, (_, i) => `甲${i}`).join('\n');
    const b = Array.from({ length: 2100 }, (_, i) => `乙${i}`).join('\n');
    const d = diffLines(a, b);
    expect(apply(a, d)).toBe(b);
  });
});

describe('reportDraftText', () => {
  it('puts each part under its heading, suggestions numbered', () => {
    expect(
      reportDraftText({
        overview: '总体评价。\n第二段。',
        suggestions: ['加强学习。', '严格管理。\n细化措施。'],
        topicReports: [{ title: '关于某项目的专题报告', body: '正文。' }],
      }),
    ).toBe(
      '基本情况和总体评价\n总体评价。\n第二段。\n意见建议\n1. 加强学习。\n2. 严格管理。\n细化措施。\n专题报告：关于某项目的专题报告\n正文。',
    );
  });
});
