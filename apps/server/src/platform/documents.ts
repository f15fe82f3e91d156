import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { ExportStamp } from './spreadsheets.ts';

/**
 * Word output in the layout of 党政机关公文格式 (GB/T 9704-2012): A4, margins 37/35/28/26 mm,
 * title in 方正小标宋简体 二号 (22 pt), body in 仿宋_GB2312 三号 (16 pt) on a fixed 28.95 pt line,
 * page numbers in 宋体 四号 as “— 1 —”. Fonts are named for East Asian text with Noto fallbacks
 * for machines without the founder fonts.
 */
const MM = 56.7; // twips per millimetre
const TITLE_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '方正小标宋简体' };
const BODY_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '仿宋_GB2312' };
const HEI_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '黑体' };
const KAI_FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '楷体_GB2312' };
const LINE = { line: 579, lineRule: LineRuleType.EXACT }; // 28.95 pt
const SIZE_3 = 32; // 三号 = 16 pt, half-points
const SIZE_2 = 44; // 二号 = 22 pt

export type DocBlock =
  | { kind: 'h1'; text: string } // 一、 黑体
  | { kind: 'h2'; text: string } // （一） 楷体
  | { kind: 'p'; text: string }
  | { kind: 'table'; header: string[]; rows: string[][]; widths?: number[] }
  /** A centred PNG (a QR code), `size` pixels square, with an optional caption under it. */
  | { kind: 'image'; data: Buffer; size: number; caption?: string }
  /** PNGs in a borderless grid with captions: a sheet of single-use QR codes to cut apart. */
  | { kind: 'imageGrid'; cells: { data: Buffer; caption: string }[]; columns: number; size: number };

function imageParagraphs(data: Buffer, size: number, caption?: string, captionSize = 24): Paragraph[] {
  const out = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new ImageRun({ type: 'png', data, transformation: { width: size, height: size } })],
    }),
  ];
  if (caption)
    out.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: caption, font: BODY_FONT, size: captionSize })],
      }),
    );
  return out;
}

function imageGrid(b: Extract<DocBlock, { kind: 'imageGrid' }>): Table {
  const none = { style: BorderStyle.DASHED, size: 2, color: 'BBBBBB' };
  const borders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
  const rows: TableRow[] = [];
  for (let i = 0; i < b.cells.length; i += b.columns) {
    const slice = b.cells.slice(i, i + b.columns);
    while (slice.length < b.columns) slice.push({ data: Buffer.alloc(0), caption: '' });
    rows.push(
      new TableRow({
        cantSplit: true,
        children: slice.map(
          (c) =>
            new TableCell({
              width: { size: 100 / b.columns, type: WidthType.PERCENTAGE },
              children: c.data.length ? imageParagraphs(c.data, b.size, c.caption, 18) : [new Paragraph('')],
            }),
        ),
      }),
    );
  }
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, borders, rows });
}

function para(
  text: string,
  font = BODY_FONT,
  opts: { indent?: boolean; bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
) {
  return new Paragraph({
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    spacing: LINE,
    indent: opts.indent === false ? undefined : { firstLine: 2 * SIZE_3 * 10 },
    children: [new TextRun({ text, font, size: SIZE_3, bold: opts.bold })],
  });
}

function table(b: Extract<DocBlock, { kind: 'table' }>): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = {
    top: border,
    bottom: border,
    left: border,
    right: border,
    insideHorizontal: border,
    insideVertical: border,
  };
  const cell = (text: string, header: boolean, w?: number) =>
    new TableCell({
      width: w ? { size: w, type: WidthType.PERCENTAGE } : undefined,
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
          children: [new TextRun({ text, font: header ? HEI_FONT : BODY_FONT, size: 24 })],
        }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders,
    rows: [
      new TableRow({ tableHeader: true, children: b.header.map((h, i) => cell(h, true, b.widths?.[i])) }),
      ...b.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, false, b.widths?.[i])) })),
    ],
  });
}

export async function buildOfficialDocx(opts: {
  title: string;
  subtitle?: string;
  blocks: DocBlock[];
  issuer?: string;
  date?: string;
  stamp: ExportStamp;
}): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: 700, lineRule: LineRuleType.EXACT, after: opts.subtitle ? 0 : 580 },
      children: [new TextRun({ text: opts.title, font: TITLE_FONT, size: SIZE_2 })],
    }),
  ];
  if (opts.subtitle)
    children.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { ...LINE, after: 580 },
        children: [new TextRun({ text: opts.subtitle, font: KAI_FONT, size: SIZE_3 })],
      }),
    );
  for (const b of opts.blocks) {
    if (b.kind === 'h1') children.push(para(b.text, HEI_FONT));
    else if (b.kind === 'h2') children.push(para(b.text, KAI_FONT));
    else if (b.kind === 'p') children.push(para(b.text));
    else if (b.kind === 'image') children.push(...imageParagraphs(b.data, b.size, b.caption));
    else if (b.kind === 'imageGrid') children.push(imageGrid(b));
    else {
      children.push(table(b));
      children.push(para('', BODY_FONT, { indent: false }));
    }
  }
  if (opts.issuer)
    children.push(
      para('', BODY_FONT, { indent: false }),
      para(opts.issuer, BODY_FONT, { indent: false, align: AlignmentType.RIGHT }),
    );
  if (opts.date) children.push(para(opts.date, BODY_FONT, { indent: false, align: AlignmentType.RIGHT }));
  const stampText = `导出人：${opts.stamp.exporterName}　流水号：${opts.stamp.serial}`;
  const doc = new Document({
    creator: opts.stamp.exporterName,
    title: opts.title,
    subject: opts.stamp.serial,
    keywords: opts.stamp.serial,
    description: stampText,
    styles: { default: { document: { run: { font: BODY_FONT, size: SIZE_3 } } } },
    fonts: [],
    sections: [
      {
        properties: {
          page: {
            size: { width: 210 * MM, height: 297 * MM },
            margin: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: ['— ', PageNumber.CURRENT, ' —'],
                    font: { ascii: '宋体', eastAsia: '宋体', hAnsi: '宋体' },
                    size: 28,
                  }),
                ],
              }),
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [new TextRun({ text: stampText, size: 16, color: '999999', font: BODY_FONT })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * A document a module offers to an inspection's archive (issue 13): what it is, its date, where it
 * came from, and how to build it — by the same builder as its download.
 */
export interface ArchiveSource<K extends string = string> {
  kind: K;
  title: string;
  docDate: string;
  sourceRef: string;
  build(): Promise<{ name: string; mime: string; data: Buffer }>;
}
