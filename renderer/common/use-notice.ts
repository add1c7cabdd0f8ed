/**
 * A pane's one-line notice ("已保存", "已导出 12 行", an error) that goes away on its own: a
 * confirmation after a few seconds, an error after longer (the watcher may be looking elsewhere),
 * and a new notice starts its own time. A "saved" notice once stayed on a desk for 20 minutes,
 * read by the next watcher as news.
 */
import { useCallback, useEffect, useState } from 'react';

export interface Notice {
  text: string;
  error: boolean;
}

/** How long a notice stays: a confirmation 8 s, an error 30 s. */
export const NOTICE_MS = { info: 8_000, error: 30_000 } as const;

export const noticeLifetimeMs = (notice: Notice): number =>
  notice.error ? NOTICE_MS.error : NOTICE_MS.info;

interface Timers {
  setTimeout: (run: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clearTimeout: (timer: ReturnType<typeof setTimeout>) => void;
}

/** Clears `notice` after its lifetime; returns the cancel (a newer notice, or unmounting). */
export function expireNotice(
  notice: Notice | null,
  clear: () => void,
  timers: Timers = globalThis,
): () => void {
  if (notice === null) return () => {};
  const timer = timers.setTimeout(clear, noticeLifetimeMs(notice));
  return () => timers.clearTimeout(timer);
}

/**
 * `[notice, setNotice]` like useState, except that each notice set expires on its own. Setting
 * the same words again shows them for their full time again.
 */
export function useNotice(): [Notice | null, (notice: Notice | null) => void] {
  const [notice, setNotice] = useState<Notice | null>(null);
  useEffect(
    () => expireNotice(notice, () => setNotice((now) => (now === notice ? null : now))),
    [notice],
  );
  const set = useCallback((next: Notice | null) => setNotice(next), []);
  return [notice, set];
}
