/**
 * Every wall as a live miniature: its layout with merged cells, the camera name on each tile and
 * the colour of what the tile says it is doing (from the wall windows' reports). Clicking a tile
 * makes it the target for double-clicked cameras; dropping a camera row on a tile puts that camera
 * there; dragging a tile onto another (on any wall) swaps them; each wall has a layout picker.
 * With `tileWatch`, a tile an alert pulled (or a pin, a rotation, a tour) is marked as on the wall.
 */
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, CameraStatus, WallState } from '../../shared/api';
import type { SavedLayout, WallBudgetReport } from '../../shared/contract/wall';
import {
  gridArea,
  MAP_LAYOUT_ID,
  presetIds,
  PRODUCT_LAYOUT_ID,
  type LayoutChoice,
} from '../../shared/domain/layouts';
import { PinText } from './analysis/PinText';
import type { TileStates } from '../state/use-wall-tile-reports';
import { stateLabelKey, type TileDisplayState } from '../wall/tile-state';
import { CAMERA_DRAG_TYPE, hasCameraDrag } from './drag';
import { decodeTile, encodeTile, hasTileDrag, TILE_DRAG_TYPE, type DraggedTile } from './tile-drag';
import { tileCameras, type WallTarget } from '../common/wall-target';
import type { ShownTileWatch } from './watch/shown-walls';
import { useTileModes } from '../wall/use-tile-mode';
import { reasonKey } from '../wall/BudgetCorner';
import { useWallBudgets } from '../state/use-wall-budgets';
import { useTimeZone } from '../state/use-time-zone';
import { formatTime } from '../../shared/domain/time/hall-time';
import { MiniPreview } from '../wall/preview/MiniPreview';

export interface WallPickerProps {
  walls: readonly WallState[];
  cameras: ReadonlyMap<string, Camera>;
  statuses: ReadonlyMap<string, CameraStatus>;
  target: WallTarget | null;
  onTarget: (target: WallTarget) => void;
  onDropCamera: (cameraId: string, at: WallTarget) => void;
  /** What each tile last reported (wallId → index → state); empty while none. */
  tileStates?: TileStates;
  savedLayouts?: readonly SavedLayout[];
  onSwap?: (from: DraggedTile, to: WallTarget) => void;
  onLayout?: (wallId: number, layout: LayoutChoice) => void;
  /** What each tile does for the watch modes (wallId → index), as the wall shows it. */
  tileWatch?: ReadonlyMap<number, ReadonlyMap<number, ShownTileWatch>>;
  /** A right-click on a tile: open its menu (play back, back to live, export a clip). */
  onTileMenu?: (at: WallTarget) => void;
}

const NO_STATES: TileStates = new Map();

export function WallPicker({
  walls,
  cameras,
  statuses,
  target,
  onTarget,
  onDropCamera,
  tileStates = NO_STATES,
  savedLayouts = [],
  onSwap,
  onLayout,
  tileWatch,
  onTileMenu,
}: WallPickerProps) {
  // Every wall's decoder budget, one subscription for all the miniatures (issue #14).
  const budgets = useWallBudgets();
  return (
    <div className="walls">
      {walls.map((wall) => (
        <WallMiniature
          key={wall.wallId}
          wall={wall}
          cameras={cameras}
          statuses={statuses}
          states={tileStates.get(wall.wallId)}
          budget={budgets?.get(wall.wallId)}
          savedLayouts={savedLayouts}
          targetIndex={target?.wallId === wall.wallId ? target.tileIndex : null}
          onTarget={onTarget}
          onDropCamera={onDropCamera}
          onSwap={onSwap}
          onLayout={onLayout}
          watch={tileWatch?.get(wall.wallId)}
          onTileMenu={onTileMenu}
        />
      ))}
    </div>
  );
}

interface WallMiniatureProps {
  wall: WallState;
  cameras: ReadonlyMap<string, Camera>;
  statuses: ReadonlyMap<string, CameraStatus>;
  states: ReadonlyMap<number, string> | undefined;
  /** The wall's decoder budget as its window last reported it. */
  budget: WallBudgetReport | undefined;
  savedLayouts: readonly SavedLayout[];
  targetIndex: number | null;
  onTarget: (target: WallTarget) => void;
  onDropCamera: (cameraId: string, at: WallTarget) => void;
  onSwap?: (from: DraggedTile, to: WallTarget) => void;
  onLayout?: (wallId: number, layout: LayoutChoice) => void;
  watch: ReadonlyMap<number, ShownTileWatch> | undefined;
  onTileMenu?: (at: WallTarget) => void;
}

function layoutValue(wall: WallState): string {
  return wall.layout.layoutId ?? '';
}

function WallMiniature({
  wall,
  cameras,
  statuses,
  states,
  budget,
  savedLayouts,
  targetIndex,
  onTarget,
  onDropCamera,
  onSwap,
  onLayout,
  watch,
  onTileMenu,
}: WallMiniatureProps) {
  const { t } = useTranslation();
  // Tiles in playback are marked (the wall's badge says 回放 too).
  const modes = useTileModes(wall.wallId);
  const zone = useTimeZone();
  const [dropIndex, setDropIndex] = useState<number | null>(null);
  const [dragIndex, setDragIndex] = useState<number | null>(null);
  const tiles = tileCameras(wall);
  const wallLabel = t('walls.wall', { id: wall.wallId });

  const onDragOver = (e: DragEvent<HTMLButtonElement>, index: number) => {
    const types = [...e.dataTransfer.types];
    const camera = hasCameraDrag(types);
    if (!camera && !(onSwap && hasTileDrag(types))) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = camera ? 'copy' : 'move';
    if (dropIndex !== index) setDropIndex(index);
  };
  const onDrop = (e: DragEvent<HTMLButtonElement>, index: number) => {
    setDropIndex(null);
    const at = { wallId: wall.wallId, tileIndex: index };
    const cameraId = e.dataTransfer.getData(CAMERA_DRAG_TYPE);
    if (cameraId) {
      e.preventDefault();
      onDropCamera(cameraId, at);
      return;
    }
    const from = decodeTile(e.dataTransfer.getData(TILE_DRAG_TYPE));
    if (from && onSwap && !(from.wallId === at.wallId && from.tileIndex === at.tileIndex)) {
      e.preventDefault();
      onSwap(from, at);
    }
  };

  const current = layoutValue(wall);
  return (
    <section className="wall-mini" data-testid={`wall-mini-${wall.wallId}`} data-layout={current}>
      <div className="wall-mini-head">
        <h3>
          {wallLabel}
          {wall.name ? <span className="muted"> · {wall.name}</span> : null}
          <span className="muted">
            {' '}
            ·{' '}
            {current === MAP_LAYOUT_ID
              ? t('map.wallLayout')
              : current === PRODUCT_LAYOUT_ID
                ? t('analysis.wall.layout')
                : t('walls.layoutPreset', { count: wall.layout.cells.length })}
          </span>
          {budget && current !== MAP_LAYOUT_ID && current !== PRODUCT_LAYOUT_ID && (
            <span
              className={`wall-mini-budget${budget.held > 0 ? ' held' : ''}`}
              data-testid={`wall-mini-budget-${wall.wallId}`}
              data-budget={budget.budget}
              data-held={budget.held}
              data-main={budget.main}
              title={
                t('wall.budget.detail', {
                  used: budget.used ?? budget.playing,
                  budget: budget.budget,
                  held: budget.held,
                  time: formatTime(budget.changedAt, zone),
                }) +
                // An older wall does not say which stream its tiles play.
                (budget.main === undefined
                  ? ''
                  : `\n${t('wall.budget.streams', { main: budget.main, sub: budget.playing - budget.main })}`)
              }
            >
              {t('wall.budget.playing', {
                playing: budget.playing,
                why: t(`wall.budget.reason.${reasonKey[budget.reason]}`),
              })}
            </span>
          )}
        </h3>
        {onLayout && (
          <select
            aria-label={`${wallLabel}: ${t('walls.layout')}`}
            data-testid={`layout-select-${wall.wallId}`}
            value={current}
            onChange={(e) => {
              const v = e.target.value;
              if (v.startsWith('custom:'))
                onLayout(wall.wallId, { kind: 'saved', name: v.slice(7) });
              else if (v === MAP_LAYOUT_ID) onLayout(wall.wallId, { kind: 'map' });
              else if ((presetIds as readonly string[]).includes(v))
                onLayout(wall.wallId, { kind: 'preset', id: v as (typeof presetIds)[number] });
            }}
          >
            {current === '' && <option value="">{t('walls.layoutInline')}</option>}
            {presetIds.map((id) => (
              <option key={id} value={id}>
                {t('walls.layoutPreset', { count: Number(id) })}
              </option>
            ))}
            <option value={MAP_LAYOUT_ID}>{t('map.wallLayout')}</option>
            {/* Pinned from the Analysis tab; chosen here only to stay as it is. */}
            {current === PRODUCT_LAYOUT_ID && (
              <option value={PRODUCT_LAYOUT_ID}>{t('analysis.wall.layout')}</option>
            )}
            {savedLayouts.map((l) => (
              <option key={l.name} value={`custom:${l.name}`}>
                {t('walls.layoutCustom', { name: l.name })}
              </option>
            ))}
            {current.startsWith('custom:') &&
              !savedLayouts.some((l) => `custom:${l.name}` === current) && (
                <option value={current}>
                  {t('walls.layoutCustom', { name: current.slice(7) })}
                </option>
              )}
          </select>
        )}
      </div>
      {current === PRODUCT_LAYOUT_ID && wall.layout.product ? (
        // An analysis product full-screen: the miniature says which.
        <div className="mini-map" data-testid={`mini-product-${wall.wallId}`}>
          <PinText pin={wall.layout.product} />
        </div>
      ) : current === MAP_LAYOUT_ID ? (
        // The wall shows the tactical map full-screen: no tiles to drop cameras on.
        <div className="mini-map" data-testid={`mini-map-${wall.wallId}`}>
          {t('map.wallLayout')}
        </div>
      ) : (
        <div
          className="mini-grid"
          data-dense={wall.layout.cells.length > 9}
          style={{
            gridTemplateColumns: `repeat(${wall.layout.cols}, minmax(0, 1fr))`,
            gridTemplateRows: `repeat(${wall.layout.rows}, minmax(0, 1fr))`,
          }}
        >
          {tiles.map((cameraId, index) => {
            const cell = wall.layout.cells[index];
            const camera = cameraId ? cameras.get(cameraId) : undefined;
            const label = cameraId ? (camera?.name ?? cameraId) : t('walls.tileEmpty');
            const isTarget = index === targetIndex;
            const state = cameraId ? states?.get(index) : undefined;
            const stateKey = state ? stateLabelKey[state as TileDisplayState] : undefined;
            const dense = wall.layout.cells.length > 16;
            const tileWatch = watch?.get(index);
            const playback = Boolean(cameraId && modes?.modes.some((m) => m.tileIndex === index));
            return (
              <button
                key={index}
                type="button"
                className={`mini-tile${cameraId ? '' : ' empty'}${isTarget ? ' target' : ''}${
                  dropIndex === index ? ' drop' : ''
                }${dragIndex === index ? ' swap-source' : ''}${state ? ` state-${state}` : ''}${
                  tileWatch ? ` watch-${tileWatch.kind}` : ''
                }`}
                style={cell ? { gridArea: gridArea(cell) } : undefined}
                data-testid={`mini-tile-${wall.wallId}-${index}`}
                data-camera-id={cameraId ?? ''}
                data-state={state ?? ''}
                data-watch={tileWatch?.kind ?? ''}
                data-mode={playback ? 'playback' : 'live'}
                aria-pressed={isTarget}
                title={
                  tileWatch?.note
                    ? `${t('walls.tileTitle', { tile: index + 1, camera: label })} · ${tileWatch.note}`
                    : t('walls.tileTitle', { tile: index + 1, camera: label })
                }
                draggable={Boolean(onSwap && cameraId)}
                onDragStart={(e) => {
                  e.dataTransfer.setData(
                    TILE_DRAG_TYPE,
                    encodeTile({ wallId: wall.wallId, tileIndex: index }),
                  );
                  e.dataTransfer.effectAllowed = 'move';
                  setDragIndex(index);
                }}
                onDragEnd={() => setDragIndex(null)}
                onClick={() => onTarget({ wallId: wall.wallId, tileIndex: index })}
                onContextMenu={(e) => {
                  if (!onTileMenu) return;
                  e.preventDefault();
                  onTarget({ wallId: wall.wallId, tileIndex: index });
                  onTileMenu({ wallId: wall.wallId, tileIndex: index });
                }}
                onDragOver={(e) => onDragOver(e, index)}
                onDragLeave={() => setDropIndex((i) => (i === index ? null : i))}
                onDrop={(e) => onDrop(e, index)}
              >
                {camera && (statuses.get(camera.id) ?? camera.status) !== 'offline' && (
                  <MiniPreview url={camera.subUrl ?? camera.liveUrl} />
                )}
                {camera && (
                  <span
                    className={`dot ${statuses.get(camera.id) ?? camera.status}`}
                    aria-hidden="true"
                  />
                )}
                {tileWatch?.kind === 'pull' && (
                  <span className="mini-watch" aria-hidden="true">
                    ⚠
                  </span>
                )}
                {playback && <span className="mini-playback">{t('playback.desk.badge')}</span>}
                <span className="mini-name">{label}</span>
                {stateKey && !dense && state !== 'playing' && (
                  <span className="mini-state">{t(`wall.state.${stateKey}`)}</span>
                )}
              </button>
            );
          })}
        </div>
      )}
    </section>
  );
}
