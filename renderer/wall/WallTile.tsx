/**
 * One tile of the wall: the camera's live video, its name (large), its zone, a clock, and what the
 * tile is doing in words. The overlay is never absent while the picture is not live.
 */
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, CameraStatus, LinkStateName } from '../../shared/api';
import { stateLabelKey, tileDisplayState, type TileDisplayState } from './tile-state';
import { useClock } from './use-clock';
import { useHlsPlayer } from './use-hls-player';

export interface WallTileProps {
  index: number;
  cameraId: string | null;
  /** undefined while the catalog loads; null when the catalog has no such camera. */
  camera: Camera | null | undefined;
  cameraStatus: CameraStatus | undefined;
  zoneName: string | undefined;
  link: LinkStateName | undefined;
  /** Told each state the tile enters (WallView reports them to the core for the desk). */
  onState?: (index: number, state: TileDisplayState) => void;
}

export const WallTile = memo(function WallTile({
  index,
  cameraId,
  camera,
  cameraStatus,
  zoneName,
  link,
  onState,
}: WallTileProps) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const url = camera ? camera.liveUrl : null;
  const player = useHlsPlayer(videoRef, url);
  const state = tileDisplayState({
    cameraId,
    cameraStatus: camera === null ? null : camera ? (cameraStatus ?? camera.status) : undefined,
    player: player.state,
    link,
  });
  useEffect(() => onState?.(index, state), [onState, index, state]);
  const label =
    state === 'unknown-camera'
      ? t('wall.unknownCamera', { id: cameraId ?? '' })
      : t(`wall.state.${stateLabelKey[state]}`);

  return (
    <div
      className={`wall-tile state-${state}`}
      data-testid={`wall-tile-${index}`}
      data-camera-id={cameraId ?? ''}
      data-state={state}
    >
      <video ref={videoRef} muted autoPlay playsInline disablePictureInPicture />
      {cameraId === null ? (
        <div className="tile-empty">{t('wall.empty')}</div>
      ) : (
        <>
          <div className="tile-label">
            <div className="tile-name">{camera?.name ?? cameraId}</div>
            {zoneName && <div className="tile-zone">{zoneName}</div>}
          </div>
          <TileClock />
          {state === 'playing' ? (
            <div className="tile-live">{label}</div>
          ) : (
            <div className="tile-overlay" role="status">
              <div className="tile-state">{label}</div>
              {player.retryAt !== null && <RetryIn at={player.retryAt} />}
            </div>
          )}
        </>
      )}
    </div>
  );
});

function TileClock() {
  const { i18n } = useTranslation();
  const now = useClock();
  return (
    <div className="tile-clock">
      {new Date(now).toLocaleTimeString(i18n.language, { hour12: false })}
    </div>
  );
}

function RetryIn({ at }: { at: number }) {
  const { t } = useTranslation();
  const now = useClock();
  const seconds = Math.max(0, Math.ceil((at - now) / 1000));
  return <div className="tile-retry">{t('wall.retryIn', { seconds })}</div>;
}
