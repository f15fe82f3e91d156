import { Button, Result, Space, Typography } from 'antd';
import { isRouteErrorResponse, useNavigate, useRouteError } from 'react-router';
import { ApiError } from '../api/client.ts';

/**
 * What browsers and bundlers say when a lazily loaded part of the app cannot be fetched: the files
 * of the version the page was opened with are gone after an upgrade (their names carry a content
 * hash), or the network dropped the request.
 */
const CHUNK_FAILURE = [
  /Failed to fetch dynamically imported module/i,
  /error loading dynamically imported module/i,
  /Importing a module script failed/i,
  /Unable to preload CSS/i,
  /Loading (CSS )?chunk [\w-]+ failed/i,
];

export function isChunkLoadError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'ChunkLoadError' || CHUNK_FAILURE.some((re) => re.test(error.message));
}

/** A full reload: it fetches the current index.html and with it the names of the current files. */
const reload = () => window.location.reload();

/**
 * The router's errorElement, at the root and inside the layout: a page that failed to load or to
 * render says so in Chinese and offers a way on, instead of React Router's English fallback.
 */
export function RouteError() {
  const error = useRouteError();
  const navigate = useNavigate();

  if (isChunkLoadError(error))
    return (
      <Result
        status="warning"
        title="系统已更新，请重新加载页面"
        subTitle="系统已升级到新版本，或网络暂时中断，当前页面的部分内容未能加载。重新加载后即可继续使用，已保存的数据不受影响。"
        extra={
          <Button type="primary" onClick={reload}>
            重新加载
          </Button>
        }
      />
    );

  const notFound = isRouteErrorResponse(error) && error.status === 404;
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <Result
      status={notFound ? '404' : 'error'}
      title={notFound ? '页面不存在' : '页面出错了'}
      subTitle={
        <Space orientation="vertical" size={4}>
          <span>
            {notFound
              ? '您访问的页面不存在或已被移除。'
              : '页面显示时发生错误，请重新加载；如果问题仍然存在，请联系系统管理员。'}
          </span>
          {requestId && <Typography.Text type="secondary">请求编号：{requestId}</Typography.Text>}
        </Space>
      }
      extra={
        <Space>
          <Button type="primary" onClick={reload}>
            重新加载
          </Button>
          <Button onClick={() => navigate('/')}>返回首页</Button>
        </Space>
      }
    />
  );
}
