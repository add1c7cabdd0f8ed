/**
 * Every wall as a miniature of its tiles (camera names), live from `wall` events. Clicking a tile
 * makes it the target for double-clicked cameras; dropping a dragged camera row on a tile puts
 * that camera there.
 */
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, CameraStatus, WallState } from '../../shared/api';
import { CAMERA_DRAG_TYPE, hasCameraDrag } from './drag';
import { tileCameras, type WallTarget } from './wall-target';

export interface WallPickerProps {
  walls: readonly WallState[];
  cameras: ReadonlyMap<string, Camera>;
  statuses: ReadonlyMap<string, CameraStatus>;
  target: WallTarget | null;
  onTarget: (target: WallTarget) => void;
  onDropCamera: (cameraId: string, at: WallTarget) => void;
}

export function WallPicker({
  walls,
  cameras,
  statuses,
  target,
  onTarget,
  onDropCamera,
}: WallPickerProps) {
  return (
    <div className="walls">
      {walls.map((wall) => (
        <WallMiniature
          key={wall.wallId}
          wall={wall}
          cameras={cameras}
          statuses={statuses}
          targetIndex={target?.wallId === wall.wallId ? target.tileIndex : null}
          onTarget={onTarget}
          onDropCamera={onDropCamera}
        />
      ))}
    </div>
  );
}

interface WallMiniatureProps {
  wall: WallState;
  cameras: ReadonlyMap<string, Camera>;
  statuses: ReadonlyMap<string, CameraStatus>;
  targetIndex: number | null;
  onTarget: (target: WallTarget) => void;
  onDropCamera: (cameraId: string, at: WallTarget) => void;
}

function WallMiniature({
  wall,
  cameras,
  statuses,
  targetIndex,
  onTarget,
  onDropCamera,
}: WallMiniatureProps) {
  const { t } = useTranslation();
  const [dropIndex, setDropIndex] = useState<number | null>(null);
  const tiles = tileCameras(wall);
  const wallLabel = t('walls.wall', { id: wall.wallId });

  const onDragOver = (e: DragEvent<HTMLButtonElement>, index: number) => {
    if (!hasCameraDrag([...e.dataTransfer.types])) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    if (dropIndex !== index) setDropIndex(index);
  };
  const onDrop = (e: DragEvent<HTMLButtonElement>, index: number) => {
    setDropIndex(null);
    const cameraId = e.dataTransfer.getData(CAMERA_DRAG_TYPE);
    if (!cameraId) return;
    e.preventDefault();
    onDropCamera(cameraId, { wallId: wall.wallId, tileIndex: index });
  };

  return (
    <section className="wall-mini" data-testid={`wall-mini-${wall.wallId}`}>
      <h3>
        {wallLabel}
        {wall.name && wall.name !== wallLabel ? (
          <span className="muted"> · {wall.name}</span>
        ) : null}
        <span className="muted">
          {' '}
          · {wall.layout.cols}×{wall.layout.rows}
        </span>
      </h3>
      <div
        className="mini-grid"
        style={{
          gridTemplateColumns: `repeat(${wall.layout.cols}, minmax(0, 1fr))`,
          gridTemplateRows: `repeat(${wall.layout.rows}, minmax(0, 1fr))`,
        }}
      >
        {tiles.map((cameraId, index) => {
          const camera = cameraId ? cameras.get(cameraId) : undefined;
          const label = cameraId ? (camera?.name ?? cameraId) : t('walls.tileEmpty');
          const isTarget = index === targetIndex;
          return (
            <button
              key={index}
              type="button"
              className={`mini-tile${cameraId ? '' : ' empty'}${isTarget ? ' target' : ''}${
                dropIndex === index ? ' drop' : ''
              }`}
              data-testid={`mini-tile-${wall.wallId}-${index}`}
              data-camera-id={cameraId ?? ''}
              aria-pressed={isTarget}
              title={t('walls.tileTitle', { tile: index + 1, camera: label })}
              onClick={() => onTarget({ wallId: wall.wallId, tileIndex: index })}
              onDragOver={(e) => onDragOver(e, index)}
              onDragLeave={() => setDropIndex((i) => (i === index ? null : i))}
              onDrop={(e) => onDrop(e, index)}
            >
              {camera && (
                <span
                  className={`dot ${statuses.get(camera.id) ?? camera.status}`}
                  aria-hidden="true"
                />
              )}
              <span className="mini-name">{label}</span>
            </button>
          );
        })}
      </div>
    </section>
  );
}
