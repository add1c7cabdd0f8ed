/**
 * The watcher's hands on a wall: keys for the rotation (Space pause/resume, PageDown or → next
 * page, PageUp or ← previous) and for a tour's open stop (1 normal, 2 abnormal, 3 faulty, then
 * 1-5 for the fault; Esc backs out), each sent once to the core; and the rotation's hold while a
 * tile of this wall is enlarged or plays back (`rotation.hold`, on and off).
 */
import { useEffect, useLayoutEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { faultKinds, stopMarks, type FaultKind, type StopMark } from '../../../shared/domain/watch';
import { SNAPSHOT_MAX_BASE64 } from '../../../shared/contract/watch';
import { useClient } from '../../transport/use-client';
import { budgetSnapshot, subscribeBudget } from '../budget-store';
import { frontOf } from '../front-frames';
import { captureJpeg } from '../snapshot';
import { useTileModes } from '../use-tile-mode';
import type { WallTour } from './use-wall-watch-plan';

export interface WatchKeys {
  /** The faulty mark waits for its fault kind. */
  faultMenu: boolean;
  /** A word after a key (the mark taken, or why not), shown for a few seconds. */
  feedback: { text: string; bad: boolean } | null;
}

const FEEDBACK_MS = 3000;

const editable = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Which mark (and fault) a key means at a tour stop, or null. Pure. */
export function markForKey(
  key: string,
  faultMenu: boolean,
): { mark: StopMark; fault?: FaultKind } | 'menu' | 'back' | null {
  const n = /^[1-9]$/.test(key) ? Number(key) - 1 : -1;
  if (faultMenu) {
    if (key === 'Escape') return 'back';
    const fault = faultKinds[n];
    return fault ? { mark: 'faulty', fault } : null;
  }
  const mark = stopMarks[n];
  if (!mark) return null;
  return mark === 'faulty' ? 'menu' : { mark };
}

/**
 * The tour tile's picture as a JPEG (base64), or null when it shows no frame of the stop's
 * camera yet (just after a stop changes, the last stop's picture is still in front).
 */
function stopFrame(tileIndex: number, cameraId: string): string | null {
  const front = frontOf(tileIndex);
  if (front?.cameraId !== cameraId) return null;
  const video = front.video;
  try {
    return video ? captureJpeg(video, SNAPSHOT_MAX_BASE64) : null;
  } catch {
    // A canvas the browser will not read back (a tainted frame): the mark goes without it.
    return null;
  }
}

export function useWallWatchKeys(
  wallId: number,
  rotating: { paused: boolean; operatorPaused: boolean } | null,
  tour: WallTour | null,
): WatchKeys {
  const { t } = useTranslation();
  const client = useClient();
  const [faultMenu, setFaultMenu] = useState(false);
  const [feedback, setFeedback] = useState<WatchKeys['feedback']>(null);
  // Stops already marked from this window (runId:stop): a second key press sends nothing.
  const sent = useRef(new Set<string>());

  // ---- the rotation's hold while a tile is enlarged or plays back
  const budget = useSyncExternalStore(subscribeBudget, budgetSnapshot);
  const enlarged = budget.enlarged !== null;
  const playback = useTileModes(wallId)?.modes.some((m) => m.mode.kind === 'playback') ?? false;
  const held = useRef({ enlarge: false, playback: false });
  const isRotating = rotating !== null;
  useEffect(() => {
    for (const [reason, on] of [
      ['enlarge', enlarged],
      ['playback', playback],
    ] as const) {
      // Tell the core when it changes, and again when a rotation starts while held.
      if (held.current[reason] === on && !(on && isRotating)) continue;
      if (!isRotating && !held.current[reason]) continue;
      held.current[reason] = on;
      void client.call('rotation.hold', { wallId, reason, on });
    }
  }, [client, wallId, enlarged, playback, isRotating]);

  // ---- keys
  const say = (text: string, bad = false): void => setFeedback({ text, bad });
  useEffect(() => {
    if (!feedback) return;
    const timer = setTimeout(() => setFeedback(null), FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [feedback]);

  const latest = { rotating, tour, faultMenu, say, t };
  const ref = useRef(latest);
  // A layout effect: it runs with the commit, before anything can see the new status on the
  // page; a passive effect left a moment where the page showed a rotation but a key press found
  // none (seen in CI: PageDown just after the rotation started did nothing).
  useLayoutEffect(() => {
    ref.current = latest;
  });

  useEffect(() => {
    const sendMark = (tour: WallTour, mark: StopMark, fault: FaultKind | undefined): void => {
      const key = `${tour.run.id}:${tour.stopIndex}`;
      if (sent.current.has(key)) return;
      sent.current.add(key);
      const { say: tell, t: tr } = ref.current;
      // What the watcher saw goes with an abnormal or faulty mark: the tour tile's frame now.
      const data = mark === 'normal' ? null : stopFrame(tour.tileIndex, tour.cameraId);
      void client
        .call('tour.mark', {
          runId: tour.run.id,
          stopIndex: tour.stopIndex,
          mark,
          note: '',
          ...(fault ? { fault } : {}),
          ...(data ? { snapshot: { mime: 'image/jpeg' as const, data } } : {}),
        })
        .then((r) => {
          const label = tr(`watchWall.tour.marks.${mark}`);
          const what = fault ? `${label} · ${tr(`watchWall.tour.faults.${fault}`)}` : label;
          const shot = data ? ` · ${tr('watchWall.tour.withSnapshot')}` : '';
          if (r.ok) tell(tr('watchWall.tour.marked', { mark: what }) + shot);
          else tell(tr('watchWall.tour.failed', { message: r.error.message }), true);
        });
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || editable(event.target) || event.altKey || event.ctrlKey) return;
      const now = ref.current;
      if (now.tour) {
        const m = markForKey(event.key, now.faultMenu);
        if (m !== null) {
          event.preventDefault();
          if (event.repeat) return;
          if (m === 'menu') setFaultMenu(true);
          else if (m === 'back') setFaultMenu(false);
          else {
            setFaultMenu(false);
            sendMark(now.tour, m.mark, m.fault);
          }
          return;
        }
      }
      if (!now.rotating) return;
      const call = (
        method: 'rotation.pause' | 'rotation.resume' | 'rotation.next' | 'rotation.previous',
      ): void => {
        event.preventDefault();
        if (event.repeat && (method === 'rotation.pause' || method === 'rotation.resume')) return;
        void client.call(method, { wallId }).then((r) => {
          if (!r.ok)
            now.say(now.t('watchWall.rotation.failed', { message: r.error.message }), true);
        });
      };
      if (event.key === ' ')
        call(now.rotating.operatorPaused ? 'rotation.resume' : 'rotation.pause');
      else if (event.key === 'PageDown' || event.key === 'ArrowRight') call('rotation.next');
      else if (event.key === 'PageUp' || event.key === 'ArrowLeft') call('rotation.previous');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client, wallId]);

  // A new stop closes a fault menu left open at the one before.
  const stopKey = tour ? `${tour.run.id}:${tour.stopIndex}` : null;
  const [menuFor, setMenuFor] = useState(stopKey);
  if (menuFor !== stopKey) {
    setMenuFor(stopKey);
    if (faultMenu) setFaultMenu(false);
  }
  return { faultMenu, feedback };
}
