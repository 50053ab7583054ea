import { useEffect, useState } from 'react';

/** Hash routing (#/workflow/12): the server only has to serve index.html at "/". */
export function currentPath(): string {
  const h = window.location.hash.replace(/^#/, '');
  return h.startsWith('/') ? h : `/${h}`;
}

/** Asked before the address changes; answers false to stay (it then asks the user, and navigates itself). */
export type NavigationBlocker = (to: string) => boolean;

let blocker: NavigationBlocker | null = null;
let accepted = typeof window === 'undefined' ? '/' : currentPath();
const listeners = new Set<(path: string) => void>();

if (typeof window !== 'undefined') {
  // One listener for every way of leaving: links, the back button, code.
  window.addEventListener('hashchange', () => {
    const to = currentPath();
    if (to === accepted) return;
    if (blocker && !blocker(to)) {
      window.history.replaceState(window.history.state, '', `#${accepted}`);
      return;
    }
    accepted = to;
    listeners.forEach((l) => l(to));
  });
  // A link asks before the address changes, so a refused navigation leaves no history entry behind.
  document.addEventListener(
    'click',
    (e) => {
      if (!blocker || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = (e.target as Element | null)?.closest?.('a[href^="#"]');
      if (!link || link.getAttribute('target')) return;
      const to = (link.getAttribute('href') ?? '#').replace(/^#/, '') || '/';
      if (to === accepted) return;
      e.preventDefault();
      if (blocker(to)) {
        accepted = to;
        window.location.hash = to;
        listeners.forEach((l) => l(to));
      }
    },
    true,
  );
}

/** While set, every navigation away asks it first (unsaved changes in the editor). */
export function setNavigationBlocker(b: NavigationBlocker | null): void {
  blocker = b;
}

export function useHashPath(): string {
  const [path, setPath] = useState(currentPath());
  useEffect(() => {
    listeners.add(setPath);
    return () => {
      listeners.delete(setPath);
    };
  }, []);
  return path;
}

export function navigate(path: string): void {
  window.location.hash = path;
}

/** Changes the address without a route change (a new workflow got its id). */
export function replacePath(path: string): void {
  accepted = path;
  window.history.replaceState(window.history.state, '', `#${path}`);
}

export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split('/').filter(Boolean);
  const [pathOnly] = path.split('?');
  const s = pathOnly.split('/').filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i].startsWith(':')) params[p[i].substring(1)] = decodeURIComponent(s[i]);
    else if (p[i] !== s[i]) return null;
  }
  return params;
}

export function queryOf(path: string): URLSearchParams {
  const i = path.indexOf('?');
  return new URLSearchParams(i >= 0 ? path.substring(i + 1) : '');
}
