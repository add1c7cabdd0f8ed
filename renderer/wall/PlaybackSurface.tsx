/**
 * A tile playing back a recorded range: its own <video> and player on the sync group's clock, a
 * badge that says "回放 14:02:13" in the hall's time zone (never mistaken for live), and the controls — scrub, 1×/2×/4×/8×,
 * pause, a frame back or forward while paused, and back to live.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { playbackSpeeds, type TileMode } from '../../shared/contract/tile';
import { formatTime } from '../../shared/domain/time/hall-time';
import { useTimeZone } from '../state/use-time-zone';
import { useClient } from '../transport/use-client';
import { playbackGroup } from './sync-clock';
import { usePlaybackPlayer } from './use-playback-player';
import { useSyncClock } from './use-sync-clock';

type Playback = Extract<TileMode, { kind: 'playback' }>;

const FRAME_MS = 40;

/** The platform's template with {start} and {end} as ISO 8601 instants (UTC). */
export function playbackUrl(template: string, startMs: number, endMs: number): string {
  return template
    .replace('{start}', encodeURIComponent(new Date(startMs).toISOString()))
    .replace('{end}', encodeURIComponent(new Date(endMs).toISOString()));
}

export function PlaybackSurface({
  wallId,
  index,
  mode,
  template,
}: {
  wallId: number;
  index: number;
  mode: Playback;
  template: string;
}) {
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
        <input
          type="range"
          min={mode.startMs}
          max={mode.endMs}
          step={1000}
          value={now}
          onChange={(e) => clock?.seek(Number(e.target.value))}
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
      </div>
    </>
  );
}
