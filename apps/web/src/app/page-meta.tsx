import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';

export interface Crumb {
  title: string;
  path?: string;
}

interface PageMetaValue {
  extra: Crumb[];
  setExtra: (c: Crumb[]) => void;
}

const PageMetaContext = createContext<PageMetaValue>({ extra: [], setExtra: () => {} });

export function PageMetaProvider({ children }: { children: ReactNode }) {
  const [extra, setExtra] = useState<Crumb[]>([]);
  return <PageMetaContext.Provider value={{ extra, setExtra }}>{children}</PageMetaContext.Provider>;
}

export function usePageCrumbs(): Crumb[] {
  return useContext(PageMetaContext).extra;
}

/**
 * Adds crumbs after the menu's own (e.g. an organization's name on its detail page) and sets the
 * document title.
 */
export function usePageMeta(crumbs: Crumb[]): void {
  const { setExtra } = useContext(PageMetaContext);
  const key = JSON.stringify(crumbs);
  useEffect(() => {
    const parsed = JSON.parse(key) as Crumb[];
    setExtra(parsed);
    const last = parsed[parsed.length - 1];
    document.title = last ? `${last.title} - 巡察工作平台` : '巡察工作平台';
    return () => setExtra([]);
  }, [key, setExtra]);
}
