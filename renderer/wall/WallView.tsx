/**
 * A wall window: one display's grid of tiles, as the core says (wall events). It never talks to
 * the desk; it only shows what the core decided, and says so when it cannot hear the core.
 */
import { useTranslation } from 'react-i18next';
import { zoneOf } from '../desk/camera-tree';
import { tileCameras } from '../desk/wall-target';
import { useCatalog } from '../state/use-catalog';
import { useLinkState } from '../state/use-link-state';
import { useWall } from '../state/use-wall';
import { useConnectionState } from '../transport/use-connection-state';
import { TileBoundary } from './TileBoundary';
import { WallTile } from './WallTile';

export function WallView({ wallId }: { wallId: number }) {
  const { t } = useTranslation();
  const wall = useWall(wallId);
  const catalog = useCatalog();
  const link = useLinkState();
  const connection = useConnectionState();

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
  return (
    <div
      className="wall"
      data-testid={`wall-${wallId}`}
      style={{
        gridTemplateColumns: `repeat(${layout.cols}, minmax(0, 1fr))`,
        gridTemplateRows: `repeat(${layout.rows}, minmax(0, 1fr))`,
      }}
    >
      {tileCameras(wall.value).map((cameraId, index) => {
        // undefined while the catalog loads, null when it has no such camera.
        const camera = cameraId && tree ? (tree.cameras.get(cameraId) ?? null) : undefined;
        return (
          <TileBoundary
            key={index}
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
            />
          </TileBoundary>
        );
      })}
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
    </div>
  );
}
