import { detectFileKind, FILE_KIND_LABELS, type TFileKind } from '@xc/domain';
import { useCallback, useEffect, useId, useRef, useState } from 'react';

export const MAX_FILES = 5;
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
const ACCEPT = 'image/*,video/*,.pdf,.doc,.docx,application/pdf,application/msword,.heic,.mov,.mp4';

export interface PickedFile {
  id: string;
  file: File;
  kind: TFileKind;
  /** Object URL of an image, for its thumbnail. */
  thumb: string | null;
}

let seq = 0;

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Reads the first bytes and applies the same allow-list and size cap as the server. */
async function refusal(file: File): Promise<{ reason: string } | { kind: TFileKind }> {
  const name = `“${file.name || '未命名文件'}”`;
  if (file.size === 0) return { reason: `${name}是空文件，请重新选择` };
  if (file.size > MAX_FILE_BYTES) return { reason: `${name}有 ${formatSize(file.size)}，超过 20 MB 的上限，无法上传` };
  let head: Uint8Array;
  try {
    head = new Uint8Array(await file.slice(0, 4100).arrayBuffer());
  } catch {
    return { reason: `${name}无法读取，请重新选择` };
  }
  const detected = detectFileKind(head);
  if (!detected) return { reason: `${name}不是支持的文件类型，只能上传照片、视频、PDF 或 Word 文档` };
  return { kind: detected.kind };
}

/** The chosen attachments; object URLs of thumbnails are released on removal and on unmount. */
export function usePickedFiles() {
  const [files, setFiles] = useState<PickedFile[]>([]);
  const [errors, setErrors] = useState<string[]>([]);
  const [checking, setChecking] = useState(false);
  const current = useRef<PickedFile[]>([]);
  current.current = files;

  useEffect(
    () => () => {
      for (const f of current.current) if (f.thumb) URL.revokeObjectURL(f.thumb);
    },
    [],
  );

  const add = useCallback(async (list: File[]) => {
    setChecking(true);
    const problems: string[] = [];
    const accepted: PickedFile[] = [];
    const have = current.current;
    for (const file of list) {
      if (have.length + accepted.length >= MAX_FILES) {
        problems.push(`最多上传 ${MAX_FILES} 个附件，“${file.name}”未添加`);
        continue;
      }
      const dup = [...have, ...accepted].some(
        (p) => p.file.name === file.name && p.file.size === file.size && p.file.lastModified === file.lastModified,
      );
      if (dup) {
        problems.push(`“${file.name}”已经添加过了`);
        continue;
      }
      const r = await refusal(file);
      if ('reason' in r) problems.push(r.reason);
      else
        accepted.push({
          id: `f${++seq}`,
          file,
          kind: r.kind,
          thumb: r.kind === 'image' ? URL.createObjectURL(file) : null,
        });
    }
    setFiles((prev) => [...prev, ...accepted]);
    setErrors(problems);
    setChecking(false);
  }, []);

  const remove = useCallback((id: string) => {
    setFiles((prev) => {
      const gone = prev.find((p) => p.id === id);
      if (gone?.thumb) URL.revokeObjectURL(gone.thumb);
      return prev.filter((p) => p.id !== id);
    });
    setErrors([]);
  }, []);

  const clear = useCallback(() => {
    for (const f of current.current) if (f.thumb) URL.revokeObjectURL(f.thumb);
    setFiles([]);
    setErrors([]);
  }, []);

  return { files, errors, checking, add, remove, clear };
}

export type PickedFiles = ReturnType<typeof usePickedFiles>;

function KindIcon({ kind }: { kind: TFileKind }) {
  return (
    <span className={`pb-file-icon pb-file-icon-${kind}`} aria-hidden="true">
      {kind === 'video' ? '视频' : kind === 'document' ? '文档' : '图片'}
    </span>
  );
}

function Thumb({ f }: { f: PickedFile }) {
  const [broken, setBroken] = useState(false);
  if (!f.thumb || broken) return <KindIcon kind={f.kind} />;
  // HEIC photos do not render in most browsers: fall back to the icon.
  return <img className="pb-file-thumb" src={f.thumb} alt="" onError={() => setBroken(true)} />;
}

export function FilePicker({
  picked,
  disabled,
  label = '附件',
}: {
  picked: PickedFiles;
  disabled?: boolean;
  label?: string;
}) {
  const inputId = useId();
  const full = picked.files.length >= MAX_FILES;
  return (
    <div className="pb-field">
      <div className="pb-label">
        {label}
        <span className="pb-optional">（选填）</span>
      </div>
      <p className="pb-hint">可上传照片、视频、PDF 或 Word 文档，最多 {MAX_FILES} 个，每个不超过 20 MB。</p>
      {picked.files.length > 0 && (
        <ul className="pb-file-list">
          {picked.files.map((f) => (
            <li key={f.id} className="pb-file">
              <Thumb f={f} />
              <div className="pb-file-meta">
                <div className="pb-file-name">{f.file.name || '未命名文件'}</div>
                <div className="pb-file-size">
                  {FILE_KIND_LABELS[f.kind]} · {formatSize(f.file.size)}
                </div>
              </div>
              <button
                type="button"
                className="pb-file-remove"
                onClick={() => picked.remove(f.id)}
                disabled={disabled}
                aria-label={`删除附件 ${f.file.name}`}
              >
                删除
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={inputId}
        className="pb-visually-hidden"
        type="file"
        multiple
        accept={ACCEPT}
        disabled={disabled || full || picked.checking}
        data-testid="file-input"
        onChange={(e) => {
          const list = e.currentTarget.files ? [...e.currentTarget.files] : [];
          e.currentTarget.value = '';
          if (list.length) void picked.add(list);
        }}
      />
      <label
        htmlFor={inputId}
        className={`pb-btn pb-btn-outline pb-btn-block${disabled || full || picked.checking ? ' is-disabled' : ''}`}
        aria-disabled={disabled || full || picked.checking}
      >
        {picked.checking ? '正在检查文件…' : full ? `已达 ${MAX_FILES} 个上限` : '＋ 添加照片或文件'}
      </label>
      {picked.errors.length > 0 && (
        <ul className="pb-error-list" role="alert">
          {picked.errors.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function UploadProgress({ fraction }: { fraction: number | null }) {
  if (fraction === null) return null;
  const pct = Math.round(fraction * 100);
  return (
    <div className="pb-progress" aria-live="polite">
      <progress max={100} value={pct} />
      <span>{pct < 100 ? `正在上传 ${pct}%` : '上传完成，正在处理…'}</span>
    </div>
  );
}
