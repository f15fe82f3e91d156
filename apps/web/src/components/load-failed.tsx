import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/client.ts';
import { ErrorAlert } from './error-alert.tsx';
import { FullPageSpin } from './full-page-spin.tsx';

interface NotFound {
  /** e.g. 轮次不存在或无权查看 */
  notFound: string;
  back: { label: string; to: string };
}

/**
 * A detail page whose record did not load. A 404 means it is not there or not the caller's to see
 * (the server does not tell the two apart): say so and offer the way back. Anything else may pass:
 * the error with 重试.
 */
export function LoadFailed({
  error,
  onRetry,
  notFound,
  back,
}: NotFound & {
  error: unknown;
  onRetry: () => void;
}) {
  const navigate = useNavigate();
  if (isApiError(error) && error.status === 404)
    return (
      <Result status="404" title={notFound} extra={<Button onClick={() => navigate(back.to)}>{back.label}</Button>} />
    );
  return <ErrorAlert error={error} onRetry={onRetry} />;
}

/**
 * A detail page until its record is there: the spinner while it loads, then why it did not (`what`
 * names the record: 巡察组 → 巡察组不存在或无权查看). The page returns it unless the query has
 * succeeded, which also tells TypeScript the data is there:
 * `if (!term.isSuccess) return <NotLoaded query={term} what="届期" back={…} />`.
 */
export function NotLoaded({
  query,
  what,
  back,
}: Pick<NotFound, 'back'> & {
  query: { error: unknown; refetch: () => unknown };
  what: string;
}) {
  if (!query.error) return <FullPageSpin />;
  return (
    <LoadFailed
      error={query.error}
      onRetry={() => void query.refetch()}
      notFound={`${what}不存在或无权查看`}
      back={back}
    />
  );
}
