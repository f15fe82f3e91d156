import { useParams } from 'react-router';
import { errorText, PublicError, publicApi } from '../api.ts';
import { ErrorBox, Notice, Spinner, useAuthorityName } from '../components/ui.tsx';
import { useLoad } from '../components/use-load.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Missing() {
  return (
    <Notice title="公示不存在或尚未发布" tone="warn">
      <p className="pb-notice-text">没有找到这一批整改情况公示。请核对链接是否完整，或以巡察机构发布的公告为准。</p>
    </Notice>
  );
}

/**
 * 巡察整改情况公示: the public version of one published batch (第N批) — each organization's
 * problems found and rectified and the items released to the public; withheld items never reach
 * this page.
 */
export function PublicationPage() {
  const { id } = useParams();
  const valid = !!id && UUID.test(id);
  const [load, reload] = useLoad(id ?? '', () =>
    valid ? publicApi.notice(id) : Promise.reject(new PublicError(404, 'NOT_FOUND', '')),
  );
  useAuthorityName(load.state === 'ok' ? load.data.authorityName : null);
  if (load.state === 'loading') return <Spinner />;
  if (load.state === 'error')
    return load.error instanceof PublicError && load.error.status === 404 ? (
      <Missing />
    ) : (
      <ErrorBox onRetry={reload}>{errorText(load.error)}</ErrorBox>
    );
  const n = load.data;
  return (
    <section className="pb-card" data-testid="publication-notice">
      <h1 className="pb-title">{n.title ?? `巡察整改情况公示（${n.batchName}）`}</h1>
      <p className="pb-subtitle">
        {n.authorityName} · {n.batchName}
      </p>
      <p className="pb-muted pb-small">公开日期：{n.publishedOn}</p>
      {n.entries.length === 0 && <p className="pb-lead">本批次暂无公开的整改情况。</p>}
      {n.entries.map((e) => (
        <article key={e.orgName} style={{ marginTop: 20 }}>
          <h2 className="pb-subtitle" style={{ fontWeight: 600 }}>
            {e.orgName}
          </h2>
          <dl className="pb-facts">
            <div>
              <dt>反馈问题</dt>
              <dd>{e.findings} 个</dd>
            </div>
            <div>
              <dt>已完成整改</dt>
              <dd>{e.rectified} 个</dd>
            </div>
            <div>
              <dt>整改完成率</dt>
              <dd>{e.findings ? `${((e.rectified / e.findings) * 100).toFixed(1)}%` : '—'}</dd>
            </div>
          </dl>
          {e.items.length > 0 && (
            <ol style={{ paddingLeft: '1.8em', margin: '8px 0 0', lineHeight: 1.7 }}>
              {e.items.map((text, i) => (
                // The items are plain texts in the order the batch lists them.
                // biome-ignore lint/suspicious/noArrayIndexKey: a text may repeat; its position is its identity
                <li key={i} style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
                  {text}
                </li>
              ))}
            </ol>
          )}
        </article>
      ))}
      <p className="pb-muted pb-small" style={{ marginTop: 24 }}>
        欢迎社会各界对整改情况进行监督。对整改不到位的问题，可通过巡察公告上的举报电话、邮政信箱或“码上巡”反映。
      </p>
    </section>
  );
}
