/**
 * What a click on a camera dot opens (rendered into a Leaflet popup through a portal): its name
 * and kind, a small live preview (hls.js on the sub-stream, created and destroyed with the popup)
 * and "send to wall tile…" to the desk's current target tile.
 */
import Hls from 'hls.js';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, CameraStatus } from '../../shared/api';
import type { WallTarget } from '../common/wall-target';
import { HLS_MIME } from '../wall/hls-config';

export function CameraPopup({
  camera,
  status,
  target,
  onSend,
}: {
  camera: Camera;
  status: CameraStatus;
  target: WallTarget | null;
  onSend: (camera: Camera, target: WallTarget) => void;
}) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const url = camera.subUrl ?? camera.liveUrl;

  useEffect(() => {
    const video = videoRef.current;
    if (!video || status === 'offline') return;
    video.muted = true;
    if (Hls.isSupported()) {
      const hls = new Hls({
        enableWorker: true,
        maxBufferLength: 4,
        backBufferLength: 0,
        capLevelToPlayerSize: true,
      });
      hls.loadSource(url);
      hls.attachMedia(video);
      hls.on(Hls.Events.MANIFEST_PARSED, () => void video.play().catch(() => {}));
      return () => {
        hls.destroy();
        video.removeAttribute('src');
        video.load();
      };
    }
    if (video.canPlayType(HLS_MIME)) {
      video.src = url;
      void video.play().catch(() => {});
      return () => {
        video.removeAttribute('src');
        video.load();
      };
    }
  }, [url, status]);

  return (
    <div className="camera-popup" data-testid="camera-popup" data-camera-id={camera.id}>
      <div className="camera-popup-name">{camera.name}</div>
      <div className="camera-popup-meta">
        {t(`kind.${camera.kind}`)} · {t(`status.${status}`)}
      </div>
      {status === 'offline' ? (
        <div className="camera-popup-video offline">{t('map.camera.offline')}</div>
      ) : (
        <video
          ref={videoRef}
          className="camera-popup-video"
          data-testid="camera-preview"
          muted
          playsInline
          autoPlay
        />
      )}
      <button
        type="button"
        data-testid="send-to-wall"
        disabled={!target}
        onClick={() => target && onSend(camera, target)}
      >
        {target
          ? t('map.camera.sendTo', {
              wall: t('walls.wall', { id: target.wallId }),
              tile: target.tileIndex + 1,
            })
          : t('map.camera.noTarget')}
      </button>
    </div>
  );
}
