/**
 * A wall window: one display's grid of tiles, as the core says (wall events). Merged cells span
 * several grid squares (CSS grid areas); tile i is cell i. It never talks to the desk; it shows
 * what the core decided, reports what its tiles are doing (for the desk's miniatures), shows its
 * number big when the desk asks to identify monitors, and says so when it cannot hear the core.
 * A wall the desk set to the map (layoutId `map`) draws the tactical map read-only instead.
 *
 * The watch modes (issue #4) lie over the wall's own assignments: a rotation's page (warmed
 * ahead and swapped together at swapAt), an alert's pulled cameras, a tour's open stop; with
 * their status, badges, the tour panel and the watcher's keys (renderer/wall/watch/).
 */
import { lazy, Suspense, useCallback, useMemo, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { gridArea, MAP_LAYOUT_ID, PRODUCT_LAYOUT_ID } from '../../shared/domain/layouts';
import { zoneOf } from '../common/camera-tree';
import { HelpOverlay, useHelpKey } from '../common/HelpOverlay';
import { KeyEntry } from '../common/KeyEntry';
import { useClient } from '../transport/use-client';
import type { Camera } from '../../shared/api';
import { tileCameras } from '../common/wall-target';
import { useCatalog } from '../state/use-catalog';
import { useLinkState } from '../state/use-link-state';
import { useWall } from '../state/use-wall';
import { useWallIdentify } from '../state/use-wall-identify';
import { useSession } from '../state/use-session';
import { useConnectionState } from '../transport/use-connection-state';
import { budgetSnapshot, subscribeBudget } from './budget-store';
import { BudgetCorner, useBudgetCornerKey } from './BudgetCorner';
import { TileBoundary } from './TileBoundary';
import { useBudgetController } from './use-budget-controller';
import { useDecoderCalibration } from './use-decoder-calibration';
import { useReloadNotice } from './use-reload-notice';
import { useScheduledReload } from './use-scheduled-reload';
import { useTileReporter } from './use-tile-reporter';
import { WallTile } from './WallTile';
import { rotationStatus } from './watch/wall-watch';
import { useWallWatchKeys } from './watch/use-wall-watch-keys';
import { useWallWatchPlan } from './watch/use-wall-watch-plan';
import {
  RotationStatusBar,
  TileWatchBadge,
  TourPanel,
  TourStartedBanner,
  UnshownAlerts,
  WatchFeedback,
} from './watch/WatchOverlays';

// Leaflet loads only on a wall the desk set to the map (layoutId `map`, issue #5).
const WallMap = lazy(() => import('../map/WallMap').then((m) => ({ default: m.WallMap })));
const WallProduct = lazy(() => import('./WallProduct').then((m) => ({ default: m.WallProduct })));

export function WallView({ wallId }: { wallId: number }) {
  const { t } = useTranslation();
  const wall = useWall(wallId);
  const catalog = useCatalog();
  const link = useLinkState();
  const connection = useConnectionState();
  const identifying = useWallIdentify();
  // Who watches this wall: the operator on duty at the station's desk (its marks are theirs).
  const onDuty = useSession().value?.operator ?? null;
  const calibration = useDecoderCalibration(catalog, wallId);
  useBudgetController(wallId, link.value?.state === 'online');
  const budgetShown = useBudgetCornerKey();
  const reloadNotice = useReloadNotice();
  const {
    budget,
    enlarged,
    tiles: budgetTiles,
  } = useSyncExternalStore(subscribeBudget, budgetSnapshot);
  const onTileState = useTileReporter(wallId, wall.value?.layout.cells.length ?? 0);
  const assigned = useMemo(() => (wall.value ? tileCameras(wall.value) : []), [wall.value]);
  const watch = useWallWatchPlan(wallId, assigned);
  // A browser wall's scheduled reload waits for a moment nobody is working with the wall, and
  // for the host to answer (a reload while it is unreachable would leave a browser error page).
  useScheduledReload(
    (enlarged === null || budgetTiles <= 1) &&
      watch.tour === null &&
      !watch.plans.some((p) => p.watch?.kind === 'pull') &&
      !(wall.value?.tiles ?? []).some((tile) => tile.mode?.kind === 'playback'),
    connection === 'connected',
  );
  const view = watch.rotation?.view ?? null;
  const keys = useWallWatchKeys(
    wallId,
    view ? { paused: view.paused, operatorPaused: view.pauses.includes('operator') } : null,
    watch.tour,
  );
  // The keyboard (issue #15): `?` lists every key; <tile> * <camera> Enter puts a camera on one
  // of this wall's tiles (tile.follow, live). A tour stop waiting for its mark keeps the digits.
  const client = useClient();
  const [help, setHelp] = useHelpKey();
  const tourOpen = watch.tour !== null;
  const digitOpens = useCallback(() => !tourOpen, [tourOpen]);
  const tileCount = wall.value?.layout.cells.length ?? 0;
  const entryWalls = useMemo(() => [{ wallId, tiles: tileCount }], [wallId, tileCount]);
  const onKeyGo = useCallback(
    async (at: { wallId: number; tileIndex: number }, camera: Camera): Promise<string | null> => {
      const r = await client.call('tile.follow', { ...at, cameraId: camera.id });
      return r.ok ? null : r.error.message;
    },
    [client],
  );

  if (!wall.value) {
    return (
      <div className="boot-message wall-message" data-testid="wall-loading">
        {wall.error
          ? t('wall.failed', { id: wallId, message: wall.error.message })
          : t('wall.loading', { id: wallId })}
      </div>
    );
  }

  const { layout } = wall.value;
  const tree = catalog.tree;
  const overlays = (
    <>
      {identifying && (
        <div className="wall-identify" data-testid="wall-identify" aria-live="polite">
          <div className="wall-identify-number">{wallId}</div>
          <div className="wall-identify-label">
            {t('walls.wall', { id: wallId })}
            {wall.value.name ? ` · ${wall.value.name}` : ''}
          </div>
          <div className="wall-identify-label" data-testid="wall-on-duty">
            {onDuty
              ? t('session.wallOnDuty', { name: onDuty.name, role: t(`roles.${onDuty.role}`) })
              : t('session.wallNobody')}
          </div>
        </div>
      )}
      {view && (
        <RotationStatusBar
          status={rotationStatus(view, watch.now)}
          swapAt={watch.now >= view.swapAt ? view.swapAt + view.nextPage.dwellMs : view.swapAt}
          plannedSwapAt={view.swapAt}
        />
      )}
      {watch.started && (
        <TourStartedBanner
          at={watch.started.at}
          name={watch.started.run.tourName}
          watcher={watch.started.run.watcher}
          stops={watch.started.run.stops.length}
          tile={(watch.started.tour?.tileIndex ?? 0) + 1}
        />
      )}
      {(budgetShown || identifying) && <BudgetCorner />}
      {keys.feedback && <WatchFeedback {...keys.feedback} />}
      <KeyEntry
        scope="wall"
        tree={tree}
        walls={entryWalls}
        ownWall={wallId}
        digitOpens={digitOpens}
        onGo={onKeyGo}
        onDone={keys.say}
      />
      {help && <HelpOverlay scope="wall" onClose={() => setHelp(false)} />}
      <UnshownAlerts count={watch.unshown.length} />
      {calibration.phase !== 'none' && (
        <div
          className="wall-notice"
          role="status"
          data-testid="wall-calibration"
          data-phase={calibration.phase}
        >
          {calibration.phase === 'waiting'
            ? t('wall.calibrationWaiting')
            : calibration.phase === 'measuring'
              ? t('wall.calibrating', { streams: calibration.streams })
              : t(calibration.shared ? 'wall.calibratedShared' : 'wall.calibrated', {
                  budget: calibration.budget,
                })}
        </div>
      )}
      {reloadNotice && (
        <div className="wall-notice" role="status" data-testid="wall-reload-notice">
          {t(`wall.reloaded.${reloadNotice}`)}
        </div>
      )}
      {connection !== 'connected' && (
        <div
          className="wall-connection"
          role="status"
          data-testid="connection-state"
          data-state={connection}
        >
          {t(`connection.${connection}`)}
        </div>
      )}
    </>
  );
  if (layout.layoutId === PRODUCT_LAYOUT_ID && layout.product) {
    return (
      <div
        className="wall wall-map"
        data-testid={`wall-${wallId}`}
        data-layout={PRODUCT_LAYOUT_ID}
        data-tiles={0}
        data-budget={budget}
      >
        <Suspense fallback={null}>
          <WallProduct wallId={wallId} pin={layout.product} />
        </Suspense>
        {overlays}
      </div>
    );
  }
  if (layout.layoutId === MAP_LAYOUT_ID) {
    return (
      <div
        className="wall wall-map"
        data-testid={`wall-${wallId}`}
        data-layout={MAP_LAYOUT_ID}
        data-tiles={0}
        data-budget={budget}
      >
        <Suspense fallback={null}>
          <WallMap />
        </Suspense>
        {overlays}
      </div>
    );
  }
  return (
    <div
      className="wall"
      data-testid={`wall-${wallId}`}
      data-layout={layout.layoutId ?? 'custom'}
      data-tiles={layout.cells.length}
      data-budget={budget}
      style={{
        gridTemplateColumns: `repeat(${layout.cols}, minmax(0, 1fr))`,
        gridTemplateRows: `repeat(${layout.rows}, minmax(0, 1fr))`,
      }}
    >
      {watch.plans.map((plan, index) => {
        const cell = layout.cells[index]!;
        const { cameraId, warmCameraId } = plan;
        // undefined while the catalog loads, null when it has no such camera.
        const camera = cameraId && tree ? (tree.cameras.get(cameraId) ?? null) : undefined;
        const warmCamera =
          warmCameraId && tree && catalog.statuses.get(warmCameraId) !== 'offline'
            ? (tree.cameras.get(warmCameraId) ?? null)
            : null;
        const overlay =
          plan.watch?.kind === 'tour' && watch.tour ? (
            <TourPanel
              tour={watch.tour}
              faultMenu={keys.faultMenu}
              hold={keys.hold}
              cameraName={camera?.name}
              onNote={keys.setNote}
            />
          ) : plan.watch ? (
            <TileWatchBadge watch={plan.watch} />
          ) : null;
        return (
          <div
            // The cell, not the camera, is the key: a camera moving keeps the cell's box.
            key={index}
            className={`wall-cell${cell.colSpan > 1 || cell.rowSpan > 1 ? ' merged' : ''}`}
            style={{ gridArea: gridArea(cell) }}
          >
            <TileBoundary
              fallback={
                <div
                  className="wall-tile state-error"
                  data-testid={`wall-tile-${index}`}
                  data-state="error"
                >
                  <div className="tile-overlay">
                    <div className="tile-state">{t('wall.state.error')}</div>
                  </div>
                </div>
              }
            >
              <WallTile
                index={index}
                cameraId={cameraId}
                camera={camera}
                cameraStatus={cameraId ? catalog.statuses.get(cameraId) : undefined}
                zoneName={camera && tree ? zoneOf(tree, camera)?.name : undefined}
                link={link.value?.state}
                onState={onTileState}
                warmCamera={warmCamera}
                watch={plan.watch}
                overlay={overlay}
              />
            </TileBoundary>
          </div>
        );
      })}
      {overlays}
    </div>
  );
}
