/**
 * The CCTV keyboard at the desk and at each wall (issue #15): a digit (at a wall also `.` or `*`)
 * opens a box that shows what is typed, "墙 2 · 画面 5 · 摄像机 0137 → 北门路口 (城关)", and Enter
 * puts the camera on that tile (the desk: wall.assign; a wall: tile.follow on its own tiles).
 * A camera number that names several cameras lists them (name, zone) to pick with ↑/↓ and Enter;
 * Escape cancels. No mouse is needed. Keys typed into a text field are never taken. The keys are
 * read in the capture phase so that, while the box is open, no other handler (the tree's Enter,
 * the wall's rotation arrows and tour marks) sees them. Grammar: renderer/common/key-entry.ts.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../shared/api';
import { zoneOf, type CameraTree } from './camera-tree';
import {
  deskFields,
  wallFields,
  matchCameras,
  startEntry,
  stepEntry,
  targetProblem,
  type EntryField,
  type EntryState,
  type EntryWall,
} from './key-entry';
import { matches, typingIn } from './shortcuts';
import './keys.css';

export interface KeyEntryProps {
  /** The desk types wall, tile and camera; a wall, its own tile and camera. */
  scope: 'desk' | 'wall';
  tree: CameraTree | null | undefined;
  /** The walls it may name (a wall window: its own). */
  walls: readonly EntryWall[];
  /** A wall's own number (its entry has no wall field). */
  ownWall?: number;
  /** May a digit open the box now? (A wall whose tour stop waits for a mark: no.) */
  digitOpens?: () => boolean;
  /** Puts the camera up; the words to show when it did not (null when it did). */
  onGo: (at: { wallId: number; tileIndex: number }, camera: Camera) => Promise<string | null>;
  /** After a camera went up, the words to say (the wall's feedback line; the desk's notice). */
  onDone?: (text: string) => void;
}

export function KeyEntry({ scope, tree, walls, ownWall, digitOpens, onGo, onDone }: KeyEntryProps) {
  const { t } = useTranslation();
  const [state, setShown] = useState<EntryState | null>(null);
  // The entry as the keys have made it, kept with each key (not with each render): keys typed
  // faster than React renders (a CCTV keyboard's burst, a busy machine) each see the one before.
  const typed = useRef<EntryState | null>(null);
  const setState = (next: EntryState | null): void => {
    typed.current = next;
    setShown(next);
  };
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = scope === 'desk' ? deskFields : wallFields;

  const digits = state?.values.camera ?? '';
  const match = useMemo(() => matchCameras(tree?.cameras.values() ?? [], digits), [tree, digits]);

  const wallOf = (s: EntryState): number =>
    scope === 'desk' ? Number(s.values.wall) : (ownWall ?? 0);
  const go = async (s: EntryState, camera: Camera): Promise<void> => {
    const wallId = wallOf(s);
    const tile = Number(s.values.tile);
    const bad = targetProblem(walls, wallId, tile);
    if (bad) {
      setProblem(t(`keys.entry.${bad.key}`, bad));
      return;
    }
    setBusy(true);
    setProblem(null);
    const failed = await onGo({ wallId, tileIndex: tile - 1 }, camera);
    setBusy(false);
    if (failed !== null) {
      setProblem(t('keys.entry.failed', { message: failed }));
      return;
    }
    setState(null);
    onDone?.(t('keys.entry.done', { camera: camera.name, wall: wallId, tile }));
  };

  const latest = { tree, busy, fields, digitOpens, go, setState };
  const ref = useRef(latest);
  // With the commit (as the wall's keys do): a key right after a render sees that render's state.
  useLayoutEffect(() => {
    ref.current = latest;
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const now = ref.current;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const entry = typed.current;
      if (!entry) {
        if (event.defaultPrevented || typingIn(event.target)) return;
        const digit = matches('entryOpen', event) && (now.digitOpens?.() ?? true);
        const wallKey = scope === 'wall' && matches('entryOpenWall', event);
        if (!digit && !wallKey) return;
        event.preventDefault();
        event.stopPropagation();
        setProblem(null);
        now.setState(startEntry(now.fields, digit ? event.key : ''));
        return;
      }
      // The box is open: every key is its own, but the function keys (F5, F11) are the window's.
      if (/^F\d+$/.test(event.key)) return;
      event.preventDefault();
      event.stopPropagation();
      if (now.busy) return;
      const found = matchCameras(now.tree?.cameras.values() ?? [], entry.values.camera ?? '');
      const step = stepEntry(entry, event.key, found);
      if (!step) return;
      if ('close' in step) {
        now.setState(null);
        return;
      }
      if ('go' in step) {
        void now.go(entry, step.go);
        return;
      }
      setProblem(null);
      now.setState(step.state);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [scope]);

  if (!state) return null;
  const current = state.fields[state.at] as EntryField;
  const value = (f: EntryField): string => state.values[f] || '_';
  const label = (f: EntryField): string =>
    f === 'wall'
      ? t('keys.entry.wall', { n: value(f) })
      : f === 'tile'
        ? t('keys.entry.tile', { n: value(f) })
        : t('keys.entry.camera', { n: value(f) });
  const one = match.total === 1 ? match.cameras[0] : undefined;
  const describe = (camera: Camera): string =>
    t('keys.entry.found', {
      name: camera.name,
      zone: (tree && zoneOf(tree, camera)?.name) ?? camera.gridId,
    });
  const missing = state.fields.find((f) => state.values[f] === '' && f !== current);

  return (
    <div
      className={`key-entry key-entry-${scope}`}
      role="dialog"
      aria-modal="false"
      aria-label={t('keys.entry.title')}
      data-testid="key-entry"
      data-field={current}
      data-matches={match.total}
    >
      <div className="key-entry-title">{t('keys.entry.title')}</div>
      <div className="key-entry-line" data-testid="key-entry-line">
        {state.fields.map((f, i) => (
          <span key={f}>
            {i > 0 && <span className="key-entry-sep"> · </span>}
            <span className={`key-entry-field${f === current ? ' current' : ''}`}>{label(f)}</span>
          </span>
        ))}
        {one && (
          <span className="key-entry-found" data-testid="key-entry-found" data-camera-id={one.id}>
            {' → '}
            {describe(one)}
          </span>
        )}
      </div>
      {digits !== '' && match.total === 0 && (
        <div className="key-entry-problem">{t('keys.entry.none', { digits })}</div>
      )}
      {match.total > 1 && (
        <div className="key-entry-many">
          <div>{t('keys.entry.many', { count: match.total, digits })}</div>
          <ol className="key-entry-candidates" role="listbox" data-testid="key-entry-candidates">
            {match.cameras.map((c, i) => (
              <li
                key={c.id}
                role="option"
                aria-selected={state.picking === i}
                className={state.picking === i ? 'picked' : undefined}
                data-testid="key-entry-candidate"
                data-camera-id={c.id}
              >
                <span className="key-entry-candidate-name">{describe(c)}</span>
                <span className="key-entry-candidate-id">{c.id}</span>
              </li>
            ))}
          </ol>
          {match.total > match.cameras.length && (
            <div className="muted">
              {t('keys.entry.more', { count: match.total - match.cameras.length })}
            </div>
          )}
        </div>
      )}
      {problem && (
        <div className="key-entry-problem" role="alert" data-testid="key-entry-problem">
          {problem}
        </div>
      )}
      {!problem && missing && state.values[current] !== '' && (
        <div className="key-entry-next muted">
          {t('keys.entry.needs', { what: t(`keys.entry.what.${missing}`) })}
        </div>
      )}
      <div className="key-entry-hint">{busy ? t('keys.entry.sending') : t('keys.entry.hint')}</div>
    </div>
  );
}
