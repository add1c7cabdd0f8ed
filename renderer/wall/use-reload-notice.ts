/**
 * Why the shell reloaded this wall window, from its URL (`?notice=memory`: the memory guard,
 * electron/shell/memory-guard.ts), shown on the wall for a minute so a watcher who saw it blink
 * knows it was on purpose. The parameter is taken off the URL once read: a later reload is not
 * explained by it.
 */
import { useEffect, useState } from 'react';

export type ReloadNotice = 'memory';

const SHOW_MS = 60_000;

/** Pure (React may call a state initialiser twice): the URL is changed in the effect. */
function readNotice(): ReloadNotice | null {
  if (typeof window === 'undefined') return null;
  return new URLSearchParams(window.location.search).get('notice') === 'memory' ? 'memory' : null;
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
