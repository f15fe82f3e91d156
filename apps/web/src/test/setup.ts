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

/**
 * jsdom computes a style by matching every rule of every stylesheet (antd injects hundreds of KB)
 * against the element, and Testing Library's role queries and user-event's pointer checks ask for
 * the element and each of its ancestors, for every candidate: one `findByRole` took 20 s. Between
 * two changes of the document the answer cannot change, so it is kept per element until the next
 * mutation: the observer's callback drops them, and so does a change still queued when a style is
 * asked for (taken synchronously: a change made just before the call is seen).
 */
const CACHED = Symbol.for('xc.test.cachedComputedStyle');
// The web tests share one document per worker (vitest.config.ts: isolate false) and this file runs
// before each test file: the cache is installed once, not wrapped around itself once per file.
if (!(window.getComputedStyle as { [CACHED]?: true })[CACHED]) {
  const computedStyle = window.getComputedStyle.bind(window);
  let styles = new WeakMap<Element, CSSStyleDeclaration>();
  const changes = new MutationObserver(() => {
    styles = new WeakMap();
  });
  changes.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  window.getComputedStyle = Object.assign(
    (element: Element) => {
      if (changes.takeRecords().length) styles = new WeakMap();
      let style = styles.get(element);
      if (!style) {
        style = computedStyle(element);
        styles.set(element, style);
      }
      return style;
    },
    { [CACHED]: true as const },
  );
}

if (!window.ResizeObserver) {
  window.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
}

// Testing Library unmounts after each test only when the runner exposes globals; this one does not.
afterEach(cleanup);

// What a page keeps in the browser does not carry over from one test file to the next, as it did
// not when each file had a document of its own (the public pages keep their device id there).
localStorage.clear();
sessionStorage.clear();
