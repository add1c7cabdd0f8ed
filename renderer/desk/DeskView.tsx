/**
 * The watcher's desk: link and connection state, the camera tree, the walls as miniatures, and
 * patrol marks. Every action is an intent to the core (wall.assign, mark.create); the walls
 * change when the core says so (wall events), never because the desk drew them.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, PatrolMark } from '../../shared/api';
import type { VigilErrorData } from '../../shared/result';
import { useCatalog } from '../state/use-catalog';
import { useHealthMarks } from '../state/use-health';
import { useLinkState } from '../state/use-link-state';
import { useOutbox } from '../state/use-outbox';
import { useWalls } from '../state/use-walls';
import { useClient } from '../transport/use-client';
import { useConnectionState } from '../transport/use-connection-state';
import { CameraTree } from './CameraTree';
import { DeskHeader } from './DeskHeader';
import { MarkPanel } from './MarkPanel';
import { useWallActions } from './use-wall-actions';
import { WallsPanel } from './WallsPanel';
import { DeskTabs, deskTabs, type DeskTab } from './DeskTabs';
import { KeyEntry } from '../common/KeyEntry';
import { HelpOverlay, useHelpKey } from '../common/HelpOverlay';
import { matches, typingIn } from '../common/shortcuts';
import { nextTarget, validTarget, type WallTarget } from '../common/wall-target';
import { useNotice } from '../common/use-notice';
import { appendUnique, camerasUnder } from './watch/watch-model';

const NO_CAMERAS: ReadonlyMap<string, Camera> = new Map();
/** A rotation group holds at most this many cameras (the contract's limit). */
const TICK_LIMIT = 2000;

export function DeskView() {
  const { t } = useTranslation();
  const client = useClient();
  const connection = useConnectionState();
  const link = useLinkState();
  const outbox = useOutbox();
  const catalog = useCatalog();
  const walls = useWalls();
  // Cameras coloured by health in the tree (issue #16): offline, picture fault, open ticket.
  const healthMarks = useHealthMarks().value;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [chosenTarget, setChosenTarget] = useState<WallTarget | null>(null);
  // A confirmation goes in seconds, an error later: never a "saved" read as news an hour on.
  const [notice, setNotice] = useNotice();
  const [marking, setMarking] = useState(false);
  const [deskTab, setDeskTab] = useState<DeskTab>('walls');
  // Cameras ticked in the tree for the watch screens (in tick order); the ticks show on the Watch tab.
  const [checkedIds, setCheckedIds] = useState<readonly string[]>([]);
  const checked = useMemo(() => new Set(checkedIds), [checkedIds]);
  const clearChecked = useCallback(() => setCheckedIds([]), []);
  const onCheck = useCallback(
    (camera: Camera) =>
      setCheckedIds((ids) =>
        ids.includes(camera.id) ? ids.filter((id) => id !== camera.id) : [...ids, camera.id],
      ),
    [],
  );

  const wallList = useMemo(() => walls.value ?? [], [walls.value]);
  const target = validTarget(wallList, chosenTarget);
  const cameras = catalog.tree?.cameras;
  const selected = (selectedId && cameras?.get(selectedId)) || null;

  const describe = useCallback(
    (error: VigilErrorData) => `${t(`errors.${error.code}`)} (${error.message})`,
    [t],
  );
  const notify = useCallback(
    (text: string, error: boolean) => setNotice({ text, error }),
    [setNotice],
  );
  const wallActions = useWallActions(wallList, target, catalog.tree, catalog.statuses, notify);

  /** Puts a camera on a tile (null: clears it); the notice says how it went; the error's words. */
  const assign = useCallback(
    async (cameraId: string | null, at: WallTarget, advance: boolean): Promise<string | null> => {
      const name = cameraId === null ? t('wall.empty') : (cameras?.get(cameraId)?.name ?? cameraId);
      const result = await client.call('wall.assign', {
        wallId: at.wallId,
        tileIndex: at.tileIndex,
        cameraId,
      });
      if (!result.ok) {
        setNotice({
          text: t('walls.assignFailed', { message: describe(result.error) }),
          error: true,
        });
        return describe(result.error);
      }
      setNotice({
        text: t('walls.assigned', {
          camera: name,
          wall: t('walls.wall', { id: at.wallId }),
          tile: at.tileIndex + 1,
        }),
        error: false,
      });
      if (advance) setChosenTarget(nextTarget(wallList, at));
      return null;
    },
    [cameras, client, describe, setNotice, t, wallList],
  );

  const onActivate = useCallback(
    (camera: Camera) => {
      setSelectedId(camera.id);
      if (target) void assign(camera.id, target, true);
    },
    [assign, target],
  );

  const onSelect = useCallback((camera: Camera) => setSelectedId(camera.id), []);

  // The keyboard (issue #15): the CCTV entry, `?` for every shortcut, Alt+1…5 for the tabs.
  const [help, setHelp] = useHelpKey();
  const entryWalls = useMemo(
    () => wallList.map((w) => ({ wallId: w.wallId, tiles: w.layout.cells.length })),
    [wallList],
  );
  const onKeyGo = useCallback(
    (at: WallTarget, camera: Camera) => assign(camera.id, at, false),
    [assign],
  );
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || typingIn(event.target) || !matches('deskTab', event)) return;
      const tab = deskTabs[Number(event.key) - 1];
      if (!tab) return;
      event.preventDefault();
      setDeskTab(tab);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onMark = useCallback(
    async (camera: Camera, mark: PatrolMark, note: string): Promise<boolean> => {
      setMarking(true);
      const result = await client.call('mark.create', { cameraId: camera.id, mark, note });
      setMarking(false);
      if (!result.ok) {
        setNotice({ text: t('mark.failed', { message: describe(result.error) }), error: true });
        return false;
      }
      setNotice({
        text: t('mark.saved', { camera: camera.name, mark: t(`mark.${mark}`) }),
        error: false,
      });
      return true;
    },
    [client, describe, setNotice, t],
  );

  return (
    <div className="desk">
      <DeskHeader
        link={link.value}
        connection={connection}
        outbox={outbox.value}
        cameras={cameras}
      />
      <KeyEntry scope="desk" tree={catalog.tree} walls={entryWalls} onGo={onKeyGo} />
      {help && <HelpOverlay scope="desk" onClose={() => setHelp(false)} />}
      <div className="desk-body with-tabs">
        {catalog.tree ? (
          <CameraTree
            // A new catalog version is a new tree: start it from its regions again.
            key={catalog.version}
            tree={catalog.tree}
            statuses={catalog.statuses}
            health={healthMarks}
            selectedId={selectedId}
            onSelect={onSelect}
            onActivate={onActivate}
            onSendArea={(areaId) => {
              if (deskTab !== 'watch') return void wallActions.sendArea(areaId);
              const tree = catalog.tree;
              if (tree) {
                setCheckedIds((ids) =>
                  appendUnique(ids, camerasUnder(tree, areaId, TICK_LIMIT)).slice(0, TICK_LIMIT),
                );
              }
            }}
            sendAreaLabel={deskTab === 'watch' ? t('watchDesk.pick.checkArea') : undefined}
            checked={deskTab === 'watch' ? checked : undefined}
            onCheck={onCheck}
          />
        ) : (
          <section className="panel">
            <h2 className="panel-title">{t('tree.title')}</h2>
            <div className="tree-status">
              {catalog.error
                ? t('tree.failed', { message: catalog.error.message })
                : t('tree.loading')}
            </div>
          </section>
        )}
        <DeskTabs
          tab={deskTab}
          onTab={setDeskTab}
          map={{
            cameras,
            statuses: catalog.statuses,
            health: healthMarks,
            target,
            notice: notice?.text ?? null,
            onAssign: (cameraId, at) => void assign(cameraId, at, false),
          }}
          watch={{
            cameras,
            areas: catalog.tree?.areas,
            statuses: catalog.statuses,
            selectedId,
            checkedIds,
            onClearChecked: clearChecked,
          }}
        />
        <main className="desk-side" hidden={deskTab !== 'walls'}>
          <h2 className="section-title">{t('walls.title')}</h2>
          {walls.value === undefined ? (
            <div className="muted">
              {walls.error
                ? t('walls.failed', { message: walls.error.message })
                : t('walls.loading')}
            </div>
          ) : wallList.length === 0 ? (
            <div className="muted">{t('walls.none')}</div>
          ) : (
            <WallsPanel
              walls={wallList}
              cameras={cameras ?? NO_CAMERAS}
              statuses={catalog.statuses}
              target={target}
              onTarget={setChosenTarget}
              onDropCamera={(cameraId, at) => void assign(cameraId, at, false)}
              actions={wallActions}
            />
          )}
          {target && (
            <div className="target-line">
              <span data-testid="wall-target">
                {t('walls.target', {
                  wall: t('walls.wall', { id: target.wallId }),
                  tile: target.tileIndex + 1,
                })}
              </span>
              <button
                type="button"
                data-testid="clear-target"
                onClick={() => void assign(null, target, false)}
              >
                {t('walls.clearTile')}
              </button>
            </div>
          )}
          <MarkPanel camera={selected} busy={marking} onMark={onMark} />
          <div
            className={`notice${notice?.error ? ' error' : ''}`}
            data-testid="notice"
            role="status"
            aria-live="polite"
          >
            {notice?.text}
          </div>
        </main>
      </div>
    </div>
  );
}
