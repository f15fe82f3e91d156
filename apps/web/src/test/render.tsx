import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import type { ReactElement } from 'react';
import { createMemoryRouter, MemoryRouter, type RouteObject, RouterProvider } from 'react-router';

/**
 * What the staff app puts around every page (app/app.tsx): antd's zh_CN locale and App (toasts,
 * confirm dialogs) and a query client of its own, around `inner`.
 */
function renderInApp(inner: ReactElement) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const result = render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>{inner}</QueryClientProvider>
      </AntApp>
    </ConfigProvider>,
  );
  return { ...result, queryClient };
}

/** Renders `ui` as a page of the staff app, with a router at `url`. */
export function renderApp(ui: ReactElement, { url = '/' }: { url?: string } = {}) {
  return renderInApp(<MemoryRouter initialEntries={[url]}>{ui}</MemoryRouter>);
}

/**
 * For tests that follow where a page sends the user (sign-in, account, the route guard): a memory
 * router of `routes` at `url` inside the same providers; the test reads the router's state.
 */
export function renderRoutes(routes: RouteObject[], url: string) {
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  renderInApp(<RouterProvider router={router} />);
  return router;
}
