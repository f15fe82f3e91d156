import { SURVEY_KIND_LABELS, type TPublicLanding, type TSurveyKind } from '@xc/domain';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { errorText, PublicError, publicApi } from '../api.ts';
import { chineseDate, plausibleCode } from '../components/format.ts';
import { ErrorBox, Notice, ReceiptLink, Spinner, useAuthorityName } from '../components/ui.tsx';
import { useLoad } from '../components/use-load.ts';

export function InvalidCode() {
  return (
    <Notice title="二维码无效或已过期" tone="warn">
      <p className="pb-notice-text">
        没有找到这个二维码对应的巡察受理信息。请核对二维码是否来自正式张贴的巡察公告，或通过公告上的举报电话、邮政信箱反映问题。
      </p>
      <ReceiptLink text="已反映过问题？查询办理进度" />
    </Notice>
  );
}

export function ClosedCode({ landing }: { landing: TPublicLanding }) {
  return (
    <Notice title="本次巡察的线上受理已结束">
      <p className="pb-notice-text">感谢您的关注与支持。</p>
      <p className="pb-notice-text pb-muted">{landing.authorityName}</p>
      <p className="pb-notice-text">已经反映过问题的，仍可凭查询码查看办理进度和答复。</p>
      <ReceiptLink />
    </Notice>
  );
}

/** Loads the landing of a code and renders the states every page under /p/{code} shares. */
export function useLanding(code: string | undefined) {
  const valid = plausibleCode(code);
  const [load, reload] = useLoad(code ?? '', () =>
    valid ? publicApi.landing(code) : Promise.reject(new PublicError(404, 'NOT_FOUND', '')),
  );
  useAuthorityName(load.state === 'ok' ? load.data.authorityName : null);
  let fallback: ReactNode = null;
  if (load.state === 'loading') fallback = <Spinner />;
  else if (load.state === 'error')
    fallback =
      load.error instanceof PublicError && load.error.status === 404 ? (
        <InvalidCode />
      ) : (
        <ErrorBox onRetry={reload}>{errorText(load.error)}</ErrorBox>
      );
  else if (!load.data.open) fallback = <ClosedCode landing={load.data} />;
  return { landing: load.state === 'ok' ? load.data : null, fallback };
}

/** The number to dial in a phone field such as “0797-8123456（工作日 8:00-18:00）”. */
function telHref(phone: string): string | null {
  const m = /\+?\d[\d -]{2,}\d/.exec(phone.normalize('NFKC'));
  return m ? `tel:${m[0].replace(/[ -]/g, '')}` : null;
}

function Intro({ landing }: { landing: TPublicLanding }) {
  const a = landing.announcement;
  const team = landing.teamName ?? a?.teamName ?? '巡察组';
  const org = landing.orgName ? <strong>{landing.orgName}</strong> : '本单位';
  return (
    <section className="pb-card">
      <h1 className="pb-title">巡察公告</h1>
      <p className="pb-lead">
        {a ? (
          <>
            根据工作安排，{team}于 <strong>{chineseDate(a.periodFrom)}</strong> 至{' '}
            <strong>{chineseDate(a.periodTo)}</strong> 对{org}开展巡察，欢迎干部群众反映问题。
          </>
        ) : (
          <>
            {team}正在对{org}开展巡察，欢迎干部群众反映问题。
          </>
        )}
      </p>
    </section>
  );
}

function Details({ landing }: { landing: TPublicLanding }) {
  const a = landing.announcement;
  if (!a) return null;
  const tel = telHref(a.phone);
  return (
    <section className="pb-card">
      <h2 className="pb-subtitle">受理范围和方式</h2>
      <dl className="pb-facts">
        <div>
          <dt>受理范围</dt>
          <dd className="pb-pre">{a.scope}</dd>
        </div>
        <div>
          <dt>举报电话</dt>
          <dd>{tel ? <a href={tel}>{a.phone}</a> : a.phone}</dd>
        </div>
        <div>
          <dt>邮政信箱</dt>
          <dd>{a.mailbox}</dd>
        </div>
        {a.email && (
          <div>
            <dt>电子邮箱</dt>
            <dd>{a.email}</dd>
          </div>
        )}
        {a.hours && (
          <div>
            <dt>受理时间</dt>
            <dd>{a.hours}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

/** The kind of a survey, unless its title already says it. */
function kindNote(title: string, kind: string): string | null {
  if (!(kind in SURVEY_KIND_LABELS) || kind === 'custom') return null;
  const label = SURVEY_KIND_LABELS[kind as TSurveyKind];
  return title.includes(label) ? null : label;
}

export function LandingPage() {
  const { code } = useParams();
  const { landing, fallback } = useLanding(code);
  if (!landing || fallback) return fallback;
  return (
    <>
      <Intro landing={landing} />
      <nav className="pb-actions" aria-label="可以办理的事项">
        <Link
          className="pb-btn pb-btn-primary pb-btn-block pb-btn-large"
          to={`/p/${landing.code}/report`}
          data-testid="report-button"
        >
          我要反映问题
        </Link>
        {landing.surveys.map((s) => (
          <Link
            key={s.code}
            className="pb-btn pb-btn-outline pb-btn-block pb-btn-survey"
            to={`/p/s/${s.code}`}
            data-testid="survey-button"
          >
            <span>参与问卷：{s.title}</span>
            {kindNote(s.title, s.kind) && <span className="pb-btn-sub">{kindNote(s.title, s.kind)}</span>}
          </Link>
        ))}
        <ReceiptLink />
      </nav>
      <Details landing={landing} />
      <p className="pb-small pb-center pb-muted">
        反映问题请实事求是，如实反映。匿名反映不需要留下姓名和电话，提交后会得到一个查询码，凭查询码可查看办理进度和答复。
      </p>
    </>
  );
}
