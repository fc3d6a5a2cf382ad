/** A small history router: four top-level areas, paths the server forwards to index.html. */
import { useEffect, useSyncExternalStore } from 'react';

function subscribe(callback: () => void) {
  window.addEventListener('popstate', callback);
  window.addEventListener('perfshop:navigate', callback);
  return () => {
    window.removeEventListener('popstate', callback);
    window.removeEventListener('perfshop:navigate', callback);
  };
}
const snapshot = () => window.location.pathname + window.location.search;

export function navigate(to: string, replace = false): void {
  if (to === snapshot()) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event('perfshop:navigate'));
  window.scrollTo(0, 0);
}

export interface Route {
  path: string;
  segments: string[];
  query: URLSearchParams;
}

export function parseRoute(location: string): Route {
  const [path, search = ''] = location.split('?');
  return { path, segments: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(search) };
}

export function useRoute(): Route {
  const loc = useSyncExternalStore(subscribe, snapshot);
  return parseRoute(loc);
}

/** Sets the document title, so each page is announced properly by screen readers. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · PerfShop`;
  }, [title]);
}
