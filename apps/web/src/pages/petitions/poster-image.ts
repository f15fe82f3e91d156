import { type TPoster, wrapText } from '@xc/domain';
import { saveBlob } from '../../api/client.ts';
import { getPoster, getPublicCodeQr } from '../../api/petitions.ts';

/**
 * The 巡察公告 poster drawn as an A4 image in the browser, from the same content the server puts
 * in the .docx. Drawing here uses the fonts of the office's own computer, which always has Chinese
 * fonts; the server may have none, and a poster of empty boxes would be worse than no image.
 */

/** A4 at 150 dpi: sharp enough for a printer, small enough for a chat message. */
export const POSTER_WIDTH = 1240;
export const POSTER_HEIGHT = 1754;
const MARGIN = 120;
const RED = '#c00000';
const TITLE_FONT =
  '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif';
const BODY_FONT =
  '"仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", serif';
interface Layout {
  body: number;
  lines: string[][];
  qrSize: number;
}

const SIGN_TOP = POSTER_HEIGHT - 260;
const TEXT_TOP = 470;
/** Where the QR block starts for a given code size: above the caption, the URL and the signature. */
const qrTopFor = (qrSize: number) => SIGN_TOP - qrSize - 130;

/**
 * The largest body size (36px down to 18px) and QR code (400, 320, then 260px) at which the
 * paragraphs fit above the code. A long 受理范围 and every contact filled in still fit at the
 * smallest; the code stays large enough to scan from a metre away.
 */
function layout(ctx: CanvasRenderingContext2D, p: TPoster): Layout {
  const width = POSTER_WIDTH - 2 * MARGIN;
  let last: Layout | null = null;
  for (const qrSize of [400, 320, 260])
    for (let size = 36; size >= 18; size -= 2) {
      ctx.font = `${size}px ${BODY_FONT}`;
      const measure = (s: string) => ctx.measureText(s).width;
      const lines = p.paragraphs.map((t) => wrapText(t, width, measure, size * 2));
      const height = lines.reduce((n, l) => n + l.length, 0) * size * 1.75 + (lines.length - 1) * size * 0.5;
      last = { body: size, lines, qrSize };
      // Below 26px the code shrinks first: small print on a wall poster is read by nobody.
      if (height <= qrTopFor(qrSize) - 40 - TEXT_TOP && (size >= 26 || qrSize === 260)) return last;
    }
  return last as Layout;
}

/** Draws the poster and returns it as a PNG. */
export async function drawPoster(p: TPoster, qr: CanvasImageSource): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = POSTER_WIDTH;
  canvas.height = POSTER_HEIGHT;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('浏览器不支持绘制图片，请改用 Word 版海报');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, POSTER_WIDTH, POSTER_HEIGHT);
  ctx.textBaseline = 'alphabetic';
  const center = POSTER_WIDTH / 2;

  // Red heading as on official notices: the issuing team, 巡察公告, a red rule.
  ctx.fillStyle = RED;
  ctx.textAlign = 'center';
  ctx.font = `52px ${TITLE_FONT}`;
  ctx.fillText(p.heading, center, 210, POSTER_WIDTH - 2 * MARGIN);
  ctx.font = `bold 104px ${TITLE_FONT}`;
  ctx.fillText('巡 察 公 告', center, 350);
  ctx.fillRect(MARGIN, 392, POSTER_WIDTH - 2 * MARGIN, 5);

  // The QR block and the signature take the bottom; the text gets what is left above them.
  const l = layout(ctx, p);
  const qrSize = l.qrSize;
  const signTop = SIGN_TOP;
  const qrTop = qrTopFor(qrSize);
  const textTop = TEXT_TOP;
  ctx.fillStyle = '#000000';
  ctx.textAlign = 'left';
  ctx.font = `${l.body}px ${BODY_FONT}`;
  let y = textTop;
  for (const para of l.lines) {
    para.forEach((line, i) => {
      ctx.fillText(line, MARGIN + (i === 0 ? l.body * 2 : 0), y);
      y += l.body * 1.75;
    });
    y += l.body * 0.5;
  }

  // The code itself, drawn without smoothing so its modules stay sharp when scaled up.
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(qr, center - qrSize / 2, qrTop, qrSize, qrSize);
  ctx.imageSmoothingEnabled = true;
  ctx.textAlign = 'center';
  ctx.font = `28px ${BODY_FONT}`;
  ctx.fillText('扫码反映问题 · 参与问卷测评', center, qrTop + qrSize + 42, POSTER_WIDTH - 2 * MARGIN);
  ctx.font = `22px ${BODY_FONT}`;
  ctx.fillStyle = '#444444';
  ctx.fillText(p.url, center, qrTop + qrSize + 78, POSTER_WIDTH - 2 * MARGIN);

  ctx.fillStyle = '#000000';
  ctx.textAlign = 'right';
  ctx.font = `32px ${BODY_FONT}`;
  ctx.fillText(p.issuer, POSTER_WIDTH - MARGIN, signTop + 40, POSTER_WIDTH - 2 * MARGIN);
  ctx.fillText(p.date, POSTER_WIDTH - MARGIN, signTop + 90);

  ctx.textAlign = 'center';
  ctx.fillStyle = '#999999';
  ctx.font = `18px ${BODY_FONT}`;
  ctx.fillText(`导出人：${p.exporterName}　流水号：${p.serial}`, center, POSTER_HEIGHT - 60);

  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('海报图片生成失败'))), 'image/png'),
  );
}

/** Fetches the poster's words and its QR code, draws the A4 image and saves it; returns the file name. */
export async function downloadPosterImage(code: string, orgName: string): Promise<string> {
  const poster = await getPoster(code);
  const image = await getPublicCodeQr(code).catch(() => {
    throw new Error('二维码图片获取失败，请刷新页面后重试');
  });
  const qr = await createImageBitmap(image);
  const name = `${orgName}巡察公告.png`;
  saveBlob(await drawPoster(poster, qr), name);
  qr.close();
  return name;
}
