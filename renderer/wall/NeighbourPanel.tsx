/**
 * Camera to camera: the cameras around this tile's camera (distance, direction, kind), and a
 * click moves this tile, or the next one, to one of them (`tile.follow`, allowed from the wall).
 * A tile playing back a range sends its current moment (`atMs`): the next camera plays back from
 * there, so a chief follows a route through the past; a live tile's follow stays live.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../shared/api';
import { nearestCameras } from '../../shared/domain/geo/neighbours';
import { useCatalog } from '../state/use-catalog';
import { useClient } from '../transport/use-client';
import { followInput } from './follow';
import { shownCameras } from './front-frames';

export function NeighbourPanel({
  wallId,
  index,
  tileCount,
  camera,
  playbackAt,
  onClose,
}: {
  wallId: number;
  index: number;
  tileCount: number;
  camera: Camera;
  /** In playback: the tile's current moment on its timeline (ms since epoch); absent when live. */
  playbackAt?: () => number | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const catalog = useCatalog();
  const cameras = catalog.tree?.cameras;
  const near = useMemo(
    () => (cameras ? nearestCameras(camera, cameras.values(), { limit: 8 }) : []),
    [camera, cameras],
  );
  // A camera already on this wall says where (its own tiles, pulls, rotation pages, tour stops):
  // following onto it would show it twice. Read when the panel opens.
  const [onTile] = useState(shownCameras);
  const follow = (tileIndex: number, cameraId: string): void => {
    void client.call('tile.follow', followInput(wallId, tileIndex, cameraId, playbackAt?.()));
    onClose();
  };
  return (
    <div
      className="tile-neighbours"
      data-testid="tile-neighbours"
      onDoubleClick={(e) => e.stopPropagation()}
    >
      <div className="tile-neighbours-head">
        <span>
          {t('wall.tile.neighbours')} · {camera.name}
        </span>
        <button type="button" data-testid="tile-neighbours-close" onClick={onClose}>
          {t('wall.tile.close')}
        </button>
      </div>
      {/* Until the catalog is here nothing is known about what is near: not "none nearby". */}
      {!cameras && <div className="muted">{t('tree.loading')}</div>}
      {cameras && near.length === 0 && <div>{t('wall.tile.noNeighbours')}</div>}
      {near.map((n) => (
        <div
          key={n.camera.id}
          className={`tile-neighbour${onTile.has(n.camera.id) ? ' on-wall' : ''}`}
          data-camera-id={n.camera.id}
          data-on-tile={onTile.has(n.camera.id) ? onTile.get(n.camera.id)! + 1 : ''}
        >
          <span className="tile-neighbour-name">{n.camera.name}</span>
          <span className="tile-neighbour-where">
            {Math.round(n.distanceM)} m {t(`wall.bearing.${n.octant}`)} ·{' '}
            {t(`kind.${n.camera.kind}`)}
            {onTile.has(n.camera.id) && (
              <> · {t('wall.tile.onTile', { n: onTile.get(n.camera.id)! + 1 })}</>
            )}
          </span>
          <button
            type="button"
            data-testid="follow-here"
            onClick={() => follow(index, n.camera.id)}
          >
            {t('wall.tile.toThisTile')}
          </button>
          {tileCount > 1 && (
            <button
              type="button"
              data-testid="follow-next"
              onClick={() => follow((index + 1) % tileCount, n.camera.id)}
            >
              {t('wall.tile.toNextTile')}
            </button>
          )}
        </div>
      ))}
    </div>
  );
}
