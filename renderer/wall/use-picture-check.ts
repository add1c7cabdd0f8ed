import { useEffect, useState, type RefObject } from 'react';
import {
  diagnosePicture,
  measurePicture,
  PICTURE_HISTORY,
  PICTURE_SAMPLE_MS,
  type PictureSample,
} from '../../shared/domain/health/picture';

/** The sampling canvas: 32×18 (16:9), one for the whole window (tiles sample one at a time). */
const SAMPLE_W = 32;
const SAMPLE_H = 18;
let canvas: CanvasRenderingContext2D | null | undefined;
function sampler(): CanvasRenderingContext2D | null {
  if (canvas === undefined) {
    const element = document.createElement('canvas');
    element.width = SAMPLE_W;
    element.height = SAMPLE_H;
    canvas = element.getContext('2d', { willReadFrequently: true });
  }
  return canvas;
}

/**
 * Looks at a live tile's picture every couple of seconds (issue #16 item 1) and says whether it
 * is black or frozen while the player reports it playing: a tiny draw of the current frame into a
 * 32×18 canvas, three numbers kept (shared/domain/health/picture.ts). `key` is the stream on the
 * front player: a new stream starts a new history. Inactive (not live, not playing): no timer at
 * all, and the verdict is null.
 */
export function usePictureCheck(
  videoRef: RefObject<HTMLVideoElement | null>,
  key: string | null,
  active: boolean,
): 'black' | 'frozen' | null {
  const [verdict, setVerdict] = useState<'black' | 'frozen' | null>(null);
  const [forKey, setForKey] = useState(key);
  if (forKey !== key || (!active && verdict !== null)) {
    // A new stream or a tile no longer live: nothing known about its picture yet.
    setForKey(key);
    setVerdict(null);
  }
  useEffect(() => {
    if (!active || key === null) return;
    const samples: PictureSample[] = [];
    let previous: Uint8Array | null = null;
    const look = (): void => {
      const video = videoRef.current;
      const context = sampler();
      if (!video || !context || video.readyState < 2 || video.videoWidth === 0) return;
      let rgba: Uint8ClampedArray;
      try {
        context.drawImage(video, 0, 0, SAMPLE_W, SAMPLE_H);
        rgba = context.getImageData(0, 0, SAMPLE_W, SAMPLE_H).data;
      } catch {
        // A picture the page may not read (a tainted canvas): nothing to say about it.
        return;
      }
      const measured = measurePicture(rgba, previous);
      previous = measured.lumaPlane;
      samples.push({
        at: performance.now(),
        luma: measured.luma,
        spread: measured.spread,
        diff: measured.diff,
        frames: video.getVideoPlaybackQuality?.().totalVideoFrames ?? 0,
      });
      if (samples.length > PICTURE_HISTORY) samples.shift();
      const found = diagnosePicture(samples);
      // 'unknown' (not enough seen yet) keeps what the tile says; 'ok' clears it at once.
      if (found === 'black' || found === 'frozen') setVerdict(found);
      else if (found === 'ok') setVerdict(null);
    };
    // Tiles start at different moments, so their samples spread over the interval.
    const timer = setInterval(look, PICTURE_SAMPLE_MS);
    return () => clearInterval(timer);
  }, [videoRef, key, active]);
  return active ? verdict : null;
}
