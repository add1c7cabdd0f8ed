/**
 * Why this wall window was reloaded, from its URL (`?notice=memory`: the shell's memory guard,
 * electron/shell/memory-guard.ts; `?notice=schedule`: a browser wall's own scheduled reload,
 * scheduled-reload.ts), shown on the wall for a minute so a watcher who saw it blink
 * knows it was on purpose. The parameter is taken off the URL once read: a later reload is not
 * explained by it.
 */
import { useEffect, useState } from 'react';

/** memory: the Electron shell's memory guard; schedule: a browser wall's own scheduled reload. */
export type ReloadNotice = 'memory' | 'schedule';
const notices: readonly string[] = ['memory', 'schedule'] satisfies ReloadNotice[];

const SHOW_MS = 60_000;

/** Pure (React may call a state initialiser twice): the URL is changed in the effect. */
function readNotice(): ReloadNotice | null {
  if (typeof window === 'undefined') return null;
  const notice = new URLSearchParams(window.location.search).get('notice');
  return notice !== null && notices.includes(notice) ? (notice as ReloadNotice) : null;
}

export function useReloadNotice(): ReloadNotice | null {
  const [notice, setNotice] = useState(readNotice);
  useEffect(() => {
    const url = new URL(window.location.href);
    if (url.searchParams.has('notice')) {
      url.searchParams.delete('notice');
      window.history.replaceState(window.history.state, '', url);
    }
  }, []);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), SHOW_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  return notice;
}
