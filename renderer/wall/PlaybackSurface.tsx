/**
 * A tile playing back a recorded range: its own <video> and player on the sync group's clock, a
 * badge that says "回放 14:02:13" in the hall's time zone (never mistaken for live), and the
 * controls — the timeline of what was recorded (click to go there), 1×/2×/4×/8×, pause, a frame
 * back or forward while paused, export the played range as a clip (at most 1 h: a longer range
 * asks which part), and back to live.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../shared/api';
import { maxClipMs, playbackSpeeds, type TileMode } from '../../shared/contract/tile';
import { formatTime } from '../../shared/domain/time/hall-time';
import { ClipExportStatus, useClipExport } from '../common/ClipExport';
import { playbackUrl } from '../common/clip-export';
import { PlaybackPicker } from '../common/PlaybackPicker';
import { useTimeZone } from '../state/use-time-zone';
import { useClient } from '../transport/use-client';
import { PlaybackTimeline } from './PlaybackTimeline';
import { playbackGroup } from './sync-clock';
import { usePlaybackPlayer } from './use-playback-player';
import { useSyncClock } from './use-sync-clock';

type Playback = Extract<TileMode, { kind: 'playback' }>;

const FRAME_MS = 40;

export function PlaybackSurface({
  wallId,
  index,
  mode,
  camera,
}: {
  wallId: number;
  index: number;
  mode: Playback;
  /** The camera played back (it has a playbackUrlTemplate). */
  camera: Camera & { playbackUrlTemplate: string };
}) {
  const template = camera.playbackUrlTemplate;
  const { t } = useTranslation();
  const zone = useTimeZone();
  const client = useClient();
  const videoRef = useRef<HTMLVideoElement>(null);
  const group = playbackGroup(wallId, index, mode);
  const clock = useSyncClock(group, mode.startMs, mode.endMs, mode.speed);
  const url = playbackUrl(template, mode.startMs, mode.endMs);
  const status = usePlaybackPlayer(videoRef, url, clock, `tile-${index}`);

  // The badge and the scrubber follow the clock four times a second (not every frame).
  const [now, setNow] = useState(mode.startMs);
  const [speed, setSpeed] = useState<number>(mode.speed);
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (!clock) return;
    const tick = (): void => {
      setNow(clock.mediaNow());
      setSpeed(clock.state.speed);
      setPaused(clock.state.paused);
    };
    tick();
    const timer = setInterval(tick, 250);
    const unsubscribe = clock.subscribe(tick);
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [clock]);

  const exporting = useClipExport();
  // A played range longer than a clip: which part to export (from the position, at most 1 h).
  const [choosingClip, setChoosingClip] = useState(false);
  const exportPlayed = (): void => {
    if (mode.endMs - mode.startMs <= maxClipMs) exporting.start(camera, mode.startMs, mode.endMs);
    else setChoosingClip(true);
  };

  // The hall's clock, whatever the machine's zone: the recording's moment as the hall read it.
  const time = formatTime(now, zone);
  return (
    <>
      <video
        ref={videoRef}
        className="tile-video front"
        data-front="true"
        data-stream="playback"
        muted
        playsInline
        disablePictureInPicture
      />
      <div className="tile-playback-badge" data-testid="playback-badge" data-media-ms={now}>
        {t('wall.playbackBadge', { time })}
        {speed !== 1 && ` ${speed}×`}
      </div>
      {status.state === 'error' && (
        <div className="tile-overlay" role="status">
          <div className="tile-state">{t('wall.state.error')}</div>
        </div>
      )}
      <div className="tile-playback-bar" onDoubleClick={(e) => e.stopPropagation()}>
        <button type="button" onClick={() => clock?.setPaused(!paused)}>
          {paused ? t('wall.tile.play') : t('wall.tile.pause')}
        </button>
        {paused && (
          <>
            <button
              type="button"
              aria-label={t('wall.tile.stepBack')}
              onClick={() => clock?.seek(clock.mediaNow() - FRAME_MS)}
            >
              ◀︎|
            </button>
            <button
              type="button"
              aria-label={t('wall.tile.stepForward')}
              onClick={() => clock?.seek(clock.mediaNow() + FRAME_MS)}
            >
              |▶︎
            </button>
          </>
        )}
        <PlaybackTimeline
          cameraId={camera.id}
          startMs={mode.startMs}
          endMs={mode.endMs}
          now={now}
          onSeek={(ms) => clock?.seek(ms)}
        />
        {playbackSpeeds.map((s) => (
          <button
            key={s}
            type="button"
            aria-pressed={speed === s}
            onClick={() => clock?.setSpeed(s)}
          >
            {s}×
          </button>
        ))}
        <button
          type="button"
          data-testid="tile-live"
          onClick={() => void client.call('tile.live', { wallId, tileIndexes: [index] })}
        >
          {t('wall.tile.live')}
        </button>
        <button
          type="button"
          data-testid="tile-export"
          disabled={exporting.state.kind === 'running'}
          onClick={exportPlayed}
        >
          {t('playback.export.button')}
        </button>
      </div>
      {choosingClip && (
        <div className="tile-menu tile-picker" data-testid="tile-clip-picker">
          <div className="picker-note">
            {t('playback.export.tooLong', {
              minutes: Math.round((mode.endMs - mode.startMs) / 60_000),
            })}
          </div>
          <PlaybackPicker
            initialStartMs={Math.min(Math.max(now, mode.startMs), mode.endMs - 60_000)}
            initialMinutes={15}
            maxMs={maxClipMs}
            submitLabel={t('playback.export.exportPicked')}
            onSubmit={(range) => {
              setChoosingClip(false);
              exporting.start(camera, range.startMs, range.endMs);
            }}
            onCancel={() => setChoosingClip(false)}
          />
        </div>
      )}
      <ClipExportStatus exporting={exporting} className="tile-clip-export" />
    </>
  );
}
