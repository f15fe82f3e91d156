import { Button, Result } from 'antd';
import { useNavigate } from 'react-router';
import { isApiError } from '../api/client.ts';
import { ErrorAlert } from './error-alert.tsx';

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
}: {
  error: unknown;
  onRetry: () => void;
  /** e.g. 轮次不存在或无权查看 */
  notFound: string;
  back: { label: string; to: string };
}) {
  const navigate = useNavigate();
  if (isApiError(error) && error.status === 404)
    return (
      <Result status="404" title={notFound} extra={<Button onClick={() => navigate(back.to)}>{back.label}</Button>} />
    );
  return <ErrorAlert error={error} onRetry={onRetry} />;
}
