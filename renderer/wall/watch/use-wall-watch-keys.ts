/**
 * The watcher's hands on a wall: keys for the rotation (Space pause/resume, PageDown or → next
 * page, PageUp or ← previous) and for a tour's open stop (1 normal, 2 abnormal, 3 faulty, then
 * 1-5 for the fault; Esc backs out), each sent once to the core; and the rotation's hold while a
 * tile of this wall is enlarged or plays back (`rotation.hold`, on and off). The keys are those
 * of renderer/common/shortcuts.ts (the help overlay lists the same).
 *
 * Abnormal holds the stop (`tour.hold`): the picture is taken at the key, the stop stays on
 * screen with its timer paused while the watcher types a one-line note, and the mark goes with
 * the note on Enter or when the hold's countdown ends; Escape lets the stop go unmarked. A core
 * that cannot hold (an older one) gets the mark at once, as before.
 */
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { useTranslation } from 'react-i18next';
import { faultKinds, stopMarks, type FaultKind, type StopMark } from '../../../shared/domain/watch';
import { SNAPSHOT_MAX_BASE64 } from '../../../shared/contract/watch';
import { faultKeys, matches, tourMarkKeys, typingIn } from '../../common/shortcuts';
import { useClient } from '../../transport/use-client';
import { budgetSnapshot, subscribeBudget } from '../budget-store';
import { frontOf } from '../front-frames';
import { captureJpeg } from '../snapshot';
import { useTileModes } from '../use-tile-mode';
import type { WallTour } from './use-wall-watch-plan';

/** An abnormal mark waiting at its stop for the watcher's note (the stop held on screen). */
export interface StopHold {
  runId: string;
  stopIndex: number;
  cameraId: string;
  /** When the hold began and when its countdown ends (the mark goes then), core time. */
  at: number;
  until: number;
  note: string;
}

export interface WatchKeys {
  /** The faulty mark waits for its fault kind. */
  faultMenu: boolean;
  /** A word after a key (the mark taken, or why not), shown for a few seconds. */
  feedback: { text: string; bad: boolean } | null;
  /** Says a word on the wall's feedback line. */
  say: (text: string, bad?: boolean) => void;
  /** The abnormal mark being held, with its note so far. */
  hold: StopHold | null;
  setNote: (note: string) => void;
  /** Sends the held mark with its note now. */
  confirmHold: () => void;
  /** Lets the stop go without the mark. */
  cancelHold: () => void;
}

const FEEDBACK_MS = 3000;

/** Which mark (and fault) a key means at a tour stop, or null. Pure. */
export function markForKey(
  key: string,
  faultMenu: boolean,
): { mark: StopMark; fault?: FaultKind } | 'menu' | 'back' | null {
  if (faultMenu) {
    if (matches('tourBack', { key, altKey: false, ctrlKey: false, metaKey: false })) return 'back';
    const fault = faultKinds[faultKeys.indexOf(key)];
    return fault ? { mark: 'faulty', fault } : null;
  }
  const mark = stopMarks[tourMarkKeys.indexOf(key)];
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
  const say = useCallback((text: string, bad = false): void => setFeedback({ text, bad }), []);
  const [hold, setHold] = useState<(StopHold & { data: string | null }) | null>(null);
  useEffect(() => {
    if (!feedback) return;
    const timer = setTimeout(() => setFeedback(null), FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [feedback]);

  const latest = { rotating, tour, faultMenu, say, t, hold };
  const ref = useRef(latest);
  // A layout effect: it runs with the commit, before anything can see the new status on the
  // page; a passive effect left a moment where the page showed a rotation but a key press found
  // none (seen in CI: PageDown just after the rotation started did nothing).
  useLayoutEffect(() => {
    ref.current = latest;
  });

  const sendMark = useCallback(
    (
      at: { runId: string; stopIndex: number },
      mark: StopMark,
      fault: FaultKind | undefined,
      data: string | null,
      note = '',
    ): void => {
      const key = `${at.runId}:${at.stopIndex}`;
      if (sent.current.has(key)) return;
      sent.current.add(key);
      const { say: tell, t: tr } = ref.current;
      void client
        .call('tour.mark', {
          runId: at.runId,
          stopIndex: at.stopIndex,
          mark,
          note,
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
    },
    [client],
  );

  const confirmHold = useCallback((): void => {
    const h = ref.current.hold;
    if (!h) return;
    setHold(null);
    sendMark(h, 'abnormal', undefined, h.data, h.note.trim());
  }, [sendMark]);
  const cancelHold = useCallback((): void => {
    const h = ref.current.hold;
    if (!h) return;
    setHold(null);
    void client.call('tour.hold', { runId: h.runId, stopIndex: h.stopIndex, on: false });
    ref.current.say(ref.current.t('keys.hold.cancelled'));
  }, [client]);
  const setNote = useCallback(
    (note: string) => setHold((h) => (h ? { ...h, note: note.replace(/[\r\n]+/g, ' ') } : h)),
    [],
  );
  // The countdown's end sends the mark with the note typed so far.
  const holdUntil = hold?.until ?? null;
  useEffect(() => {
    if (holdUntil === null) return;
    const timer = setTimeout(confirmHold, Math.max(0, holdUntil - Date.now()));
    return () => clearTimeout(timer);
  }, [holdUntil, confirmHold]);

  useEffect(() => {
    /** Abnormal: take the picture, hold the stop, and wait for the note (or mark at once). */
    const holdStop = (tour: WallTour): void => {
      const at = { runId: tour.run.id, stopIndex: tour.stopIndex };
      if (sent.current.has(`${at.runId}:${at.stopIndex}`)) return;
      const data = stopFrame(tour.tileIndex, tour.cameraId);
      void client.call('tour.hold', { ...at, on: true }).then((r) => {
        if (!r.ok) {
          // An older core, or the stop just ran out: the mark goes as it always did.
          sendMark(at, 'abnormal', undefined, data);
          return;
        }
        if (!r.value.hold) return;
        const { at: from, until } = r.value.hold;
        setHold({ ...at, cameraId: tour.cameraId, at: from, until, note: '', data });
      });
    };
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey) return;
      const now = ref.current;
      if (now.hold) {
        // The note field has the focus; Enter and Escape work from anywhere else on the wall too.
        if (matches('tourHoldConfirm', event)) confirmHold();
        else if (matches('tourHoldCancel', event)) cancelHold();
        else return;
        event.preventDefault();
        return;
      }
      if (typingIn(event.target)) return;
      if (now.tour) {
        const m = markForKey(event.key, now.faultMenu);
        if (m !== null) {
          event.preventDefault();
          if (event.repeat) return;
          if (m === 'menu') setFaultMenu(true);
          else if (m === 'back') setFaultMenu(false);
          else if (m.mark === 'abnormal') holdStop(now.tour);
          else {
            setFaultMenu(false);
            const { tour } = now;
            // What the watcher saw goes with a faulty mark: the tour tile's frame now.
            const data = m.mark === 'normal' ? null : stopFrame(tour.tileIndex, tour.cameraId);
            sendMark({ runId: tour.run.id, stopIndex: tour.stopIndex }, m.mark, m.fault, data);
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
      if (matches('rotationPause', event))
        call(now.rotating.operatorPaused ? 'rotation.resume' : 'rotation.pause');
      else if (matches('rotationNext', event)) call('rotation.next');
      else if (matches('rotationPrevious', event)) call('rotation.previous');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client, wallId, sendMark, confirmHold, cancelHold]);

  // A new stop closes a fault menu left open at the one before.
  const stopKey = tour ? `${tour.run.id}:${tour.stopIndex}` : null;
  const [menuFor, setMenuFor] = useState(stopKey);
  if (menuFor !== stopKey) {
    setMenuFor(stopKey);
    if (faultMenu) setFaultMenu(false);
    // A run stopped from the desk while a stop was held: nothing is left to mark.
    if (hold && stopKey !== `${hold.runId}:${hold.stopIndex}`) setHold(null);
  }
  return {
    faultMenu,
    feedback,
    say,
    hold: hold && stopKey === `${hold.runId}:${hold.stopIndex}` ? hold : null,
    setNote,
    confirmHold,
    cancelHold,
  };
}
