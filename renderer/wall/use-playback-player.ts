/**
 * Plays a recorded range (a VOD playlist from the platform's playback URL) into one <video> and
 * keeps it on its sync group's clock: every 100 ms it compares its media time (wall clock, from
 * EXT-X-PROGRAM-DATE-TIME) with the clock's, seeks when far off and otherwise leans on its
 * playback rate. The Hls instance, the interval and every listener are made and undone here.
 */
import Hls from 'hls.js';
import { useEffect, useState, type RefObject } from 'react';
import { playbackHlsConfig } from './hls-config';
import { driftCorrection, type SyncClock } from './sync-clock';

export interface PlaybackStatus {
  state: 'connecting' | 'playing' | 'paused' | 'error';
}

const STEER_MS = 100;
/** Paused: a tile within this of the clock shows the right frame (one frame at 25 fps). */
const PAUSED_TOLERANCE_MS = 20;

export function usePlaybackPlayer(
  videoRef: RefObject<HTMLVideoElement | null>,
  url: string | null,
  clock: SyncClock | null,
  member: string,
): PlaybackStatus {
  const [status, setStatus] = useState<PlaybackStatus>({ state: 'connecting' });

  useEffect(() => {
    const video = videoRef.current;
    if (!video || !url || !clock || !Hls.isSupported()) return;
    setStatus({ state: 'connecting' });
    let disposed = false;
    // Wall-clock ms at media time 0 (per fragment: PDT − start); NaN until the playlist says.
    let baseMs = Number.NaN;
    const leave = clock.join(member);
    const hls = new Hls(playbackHlsConfig);
    const setBase = (pdt: number | null | undefined, start: number): void => {
      if (typeof pdt !== 'number' || !Number.isFinite(pdt)) return;
      baseMs = pdt - start * 1000;
      video.dataset.pdtBaseMs = String(baseMs);
    };
    hls.on(Hls.Events.LEVEL_LOADED, (_e, { details }) => {
      const first = details.fragments[0];
      if (first) setBase(first.programDateTime, first.start);
    });
    hls.on(Hls.Events.FRAG_CHANGED, (_e, { frag }) => setBase(frag.programDateTime, frag.start));
    hls.on(Hls.Events.ERROR, (_e, data) => {
      if (data.fatal && !disposed) setStatus({ state: 'error' });
    });
    const onCanPlay = (): void => clock.ready(member);
    video.addEventListener('canplay', onCanPlay);
    hls.loadSource(url);
    hls.attachMedia(video);

    const steer = setInterval(() => {
      if (Number.isNaN(baseMs) || video.readyState < 1) return;
      const { paused, waiting, speed } = clock.state;
      const target = clock.mediaNow();
      const actual = baseMs + video.currentTime * 1000;
      const drift = actual - target;
      const targetTime = Math.max(0, (target - baseMs) / 1000);
      if (paused || waiting) {
        if (!video.paused) video.pause();
        if (Math.abs(drift) > PAUSED_TOLERANCE_MS && !video.seeking) video.currentTime = targetTime;
        setStatus((s) => (s.state === 'paused' || waiting ? s : { state: 'paused' }));
        return;
      }
      const correction = driftCorrection(drift, speed);
      if (correction.seek && !video.seeking) video.currentTime = targetTime;
      video.playbackRate = correction.rate;
      if (video.paused) video.play().catch(() => {});
      setStatus((s) => (s.state === 'playing' ? s : { state: 'playing' }));
    }, STEER_MS);

    return () => {
      disposed = true;
      clearInterval(steer);
      video.removeEventListener('canplay', onCanPlay);
      leave();
      hls.destroy();
      delete video.dataset.pdtBaseMs;
      video.removeAttribute('src');
      video.load();
    };
  }, [videoRef, url, clock, member]);

  return status;
}
