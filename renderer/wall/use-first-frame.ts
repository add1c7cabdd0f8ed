import { useEffect, type RefObject } from 'react';

/**
 * Calls `onFrame` once, when the <video> presents its first decoded frame after `key` changes
 * (requestVideoFrameCallback; a poll of the decoded-frame count where that is missing or where
 * the compositor skips a covered video). Everything it starts, it stops in the same effect.
 */
export function useFirstFrame(
  videoRef: RefObject<HTMLVideoElement | null>,
  key: string | null,
  onFrame: () => void,
): void {
  useEffect(() => {
    const video = videoRef.current;
    if (!video || key === null) return;
    let done = false;
    const fire = (): void => {
      if (done) return;
      done = true;
      // Once is enough: a player warmed ahead of its swap time must not poll until then.
      clearInterval(poll);
      onFrame();
    };
    const handle = video.requestVideoFrameCallback?.(() => fire());
    // Declared after `fire`, which only runs from a later callback.
    const poll = setInterval(() => {
      const frames = video.getVideoPlaybackQuality?.().totalVideoFrames ?? 0;
      if (video.readyState >= 2 && frames > 0 && !video.paused) fire();
    }, 100);
    return () => {
      done = true;
      clearInterval(poll);
      if (handle !== undefined) video.cancelVideoFrameCallback?.(handle);
    };
    // onFrame is read when the frame comes; a new callback must not restart the wait.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [videoRef, key]);
}
