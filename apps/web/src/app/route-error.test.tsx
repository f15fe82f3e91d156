import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { createMemoryRouter, Outlet, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/client.ts';
import { isChunkLoadError, RouteError } from './route-error.tsx';
import { routes } from './router.tsx';

/** A page whose file is gone, as after an upgrade: the dynamic import rejects the way Chromium says it. */
const MissingPage = lazy(() =>
  Promise.reject(
    new TypeError('Failed to fetch dynamically imported module: http://127.0.0.1/assets/audit-page-Dx1.js'),
  ),
);

function Broken({ error }: { error: unknown }): never {
  throw error;
}

/** The app's shape in small: a root with the error page, a layout (the menu) and, inside it, the pages' error page. */
function renderAt(page: React.ReactNode) {
  const router = createMemoryRouter(
    [
      {
        element: <Outlet />,
        errorElement: <RouteError />,
        children: [
          {
            element: (
              <div>
                <nav>左侧菜单</nav>
                <Suspense fallback={<span>正在加载…</span>}>
                  <Outlet />
                </Suspense>
              </div>
            ),
            children: [{ errorElement: <RouteError />, children: [{ index: true, element: page }] }],
          },
        ],
      },
    ],
    { initialEntries: ['/'] },
  );
  return render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <RouterProvider router={router} />
    </ConfigProvider>,
  );
}

afterEach(() => vi.restoreAllMocks());

describe('RouteError', () => {
  it('says in Chinese that the system was updated when a page file cannot be loaded, under the menu', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    renderAt(<MissingPage />);
    expect(await screen.findByText('系统已更新，请重新加载页面')).toBeTruthy();
    expect(screen.getByRole('button', { name: '重新加载' })).toBeTruthy();
    expect(screen.getByText('左侧菜单')).toBeTruthy();
    expect(screen.queryByText(/Unexpected Application Error/)).toBeNull();
  });

  it('reloads the page on 重新加载', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const reload = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, reload });
    renderAt(<MissingPage />);
    await userEvent.click(await screen.findByRole('button', { name: '重新加载' }));
    expect(reload).toHaveBeenCalledOnce();
  });

  it('shows any other error as 页面出错了 with the request id, 重新加载 and 返回首页', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    renderAt(<Broken error={new ApiError(500, 'INTERNAL', '服务器内部错误', 'req-7f3a')} />);
    expect(await screen.findByText('页面出错了')).toBeTruthy();
    expect(screen.getByText('请求编号：req-7f3a')).toBeTruthy();
    expect(screen.getByRole('button', { name: '重新加载' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '返回首页' })).toBeTruthy();
  });

  it('tells a chunk failure from other errors', () => {
    expect(isChunkLoadError(new TypeError('Failed to fetch dynamically imported module: /assets/a.js'))).toBe(true);
    expect(isChunkLoadError(new TypeError('error loading dynamically imported module: /assets/a.js'))).toBe(true);
    expect(isChunkLoadError(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isChunkLoadError(new Error('Unable to preload CSS for /assets/a.css'))).toBe(true);
    expect(isChunkLoadError(Object.assign(new Error('Loading chunk 12 failed.'), { name: 'ChunkLoadError' }))).toBe(
      true,
    );
    expect(isChunkLoadError(new TypeError("Cannot read properties of undefined (reading 'name')"))).toBe(false);
    expect(isChunkLoadError('Failed to fetch dynamically imported module')).toBe(false);
  });
});

describe('the router', () => {
  it('has the Chinese error page at the root and around the pages inside the layout', () => {
    const root = routes[0];
    expect(root?.errorElement).toBeTruthy();
    const guarded = root?.children?.find((r) => r.children?.some((c) => c.children));
    const layout = guarded?.children?.find((r) => r.children);
    expect(layout?.errorElement).toBeTruthy();
    // Every page of the layout sits under one pathless route whose error page keeps the menu.
    expect(layout?.children).toHaveLength(1);
    expect(layout?.children?.[0]?.errorElement).toBeTruthy();
    expect(layout?.children?.[0]?.path).toBeUndefined();
  });
});
