import { Alert, Button } from 'antd';
import { ApiError, errorText } from '../api/client.ts';

/** The server's Chinese message plus the request id the operator can quote to support. */
export function ErrorAlert({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  const rid = error instanceof ApiError ? error.requestId : null;
  const msg = errorText(error);
  return (
    <Alert
      type="error"
      showIcon
      title={title ?? msg}
      description={
        title || rid ? (
          <>
            {title && <div>{msg}</div>}
            {rid && <div style={{ color: 'rgba(0,0,0,0.45)' }}>请求编号：{rid}</div>}
          </>
        ) : undefined
      }
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        )
      }
      style={{ marginBottom: 16 }}
    />
  );
}
