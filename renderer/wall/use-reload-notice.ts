/**
 * Why the shell reloaded this wall window, from its URL (`?notice=memory`: the memory guard,
 * electron/shell/memory-guard.ts), shown on the wall for a minute so a watcher who saw it blink
 * knows it was on purpose. The parameter is taken off the URL at once: a later reload is not
 * explained by it.
 */
import { useEffect, useState } from 'react';

export type ReloadNotice = 'memory';

const SHOW_MS = 60_000;

function takeNotice(): ReloadNotice | null {
  if (typeof window === 'undefined') return null;
  const url = new URL(window.location.href);
  const notice = url.searchParams.get('notice');
  if (notice === null) return null;
  url.searchParams.delete('notice');
  window.history.replaceState(window.history.state, '', url);
  return notice === 'memory' ? notice : null;
}

export function useReloadNotice(): ReloadNotice | null {
  const [notice, setNotice] = useState(takeNotice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), SHOW_MS);
    return () => clearTimeout(timer);
  }, [notice]);
  return notice;
}
