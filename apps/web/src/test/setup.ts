import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { z } from 'zod';

// As the staff app does (app/app.tsx): zod's own messages in Chinese.
z.config(z.locales.zhCN());

/**
 * What antd needs from a browser that jsdom does not have. Without matchMedia the responsive
 * helpers (Grid, Table) throw; jsdom's getComputedStyle does not take a pseudo-element and logs
 * "Not implemented" for every antd scroll-bar measurement.
 */
if (!window.matchMedia) {
  window.matchMedia = (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

const computedStyle = window.getComputedStyle.bind(window);
window.getComputedStyle = (element: Element) => computedStyle(element);

if (!window.ResizeObserver) {
  window.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

// Testing Library unmounts after each test only when the runner exposes globals; this one does not.
afterEach(cleanup);
