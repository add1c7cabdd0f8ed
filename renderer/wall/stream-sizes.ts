/**
 * The sizes of the streams this window has played, learnt from the videos (the catalog does not
 * give them): per stream URL, for the session (sessionStorage, so a reload of the page, which the
 * shell does to give memory back, does not play every sub-stream again to learn it). A camera not
 * played yet is assumed to have the sub-stream size last learnt: the cameras of one hall are
 * usually configured alike, and a wrong guess is corrected by the first frame.
 */
import { useEffect, useState, useSyncExternalStore, type RefObject } from 'react';
import type { Size } from './stream-choice';

const STORAGE_KEY = 'vigil.streamSizes';
/** Sizes kept (a hall's cameras, both streams, with room). */
const MAX_KEPT = 4000;

interface Stored {
  sizes: [string, Size][];
  lastSub: Size | null;
}

const sizes = new Map<string, Size>();
let lastSub: Size | null = null;
let version = 0;
const listeners = new Set<() => void>();

const isSize = (v: unknown): v is Size =>
  typeof v === 'object' &&
  v !== null &&
  Number.isInteger((v as Size).width) &&
  Number.isInteger((v as Size).height) &&
  (v as Size).width > 0 &&
  (v as Size).height > 0;

function load(): void {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return;
    const stored = JSON.parse(raw) as Partial<Stored>;
    for (const entry of Array.isArray(stored.sizes) ? stored.sizes : []) {
      if (Array.isArray(entry) && typeof entry[0] === 'string' && isSize(entry[1]))
        sizes.set(entry[0], { width: entry[1].width, height: entry[1].height });
    }
    if (isSize(stored.lastSub)) lastSub = stored.lastSub;
  } catch {
    // Storage disabled or garbled: learn again.
  }
}

let saveTimer: ReturnType<typeof setTimeout> | null = null;
function save(): void {
  if (saveTimer) return;
  saveTimer = setTimeout(() => {
    saveTimer = null;
    try {
      const stored: Stored = { sizes: [...sizes].slice(-MAX_KEPT), lastSub };
      window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
    } catch {
      // Storage full or disabled: the sizes stay in memory.
    }
  }, 1000);
}

if (typeof window !== 'undefined') load();

/** A video of `url` showed a picture of `size`; `sub`: it is a camera's sub-stream. */
export function learnStreamSize(url: string, size: Size, sub: boolean): void {
  if (!isSize(size)) return;
  const known = sizes.get(url);
  const sameSub = !sub || (lastSub?.width === size.width && lastSub.height === size.height);
  if (known?.width === size.width && known.height === size.height && sameSub) return;
  sizes.set(url, { width: size.width, height: size.height });
  if (sizes.size > MAX_KEPT) sizes.delete(sizes.keys().next().value!);
  if (sub) lastSub = { width: size.width, height: size.height };
  version++;
  save();
  for (const listener of [...listeners]) listener();
}

/** The size learnt for a stream, or null. */
export const streamSize = (url: string | null | undefined): Size | null =>
  (url && sizes.get(url)) || null;

/** A sub-stream's size: learnt, else the one last learnt of any camera, else null. */
export const subStreamSize = (url: string | null | undefined): Size | null =>
  streamSize(url) ?? lastSub;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-renders when a size is learnt; returns a number that changes then. */
export const useStreamSizes = (): number => useSyncExternalStore(subscribe, () => version);

/**
 * Learns the size of what the videos play (their `data-url`), when the first picture comes and
 * whenever its size changes (the `resize` event); `isSub` tells a sub-stream URL.
 */
export function useLearnSizes(
  refs: readonly RefObject<HTMLVideoElement | null>[],
  urls: readonly (string | null)[],
  isSub: (url: string) => boolean,
): void {
  const key = urls.join('\n');
  useEffect(() => {
    const videos = refs.map((r) => r.current).filter((v): v is HTMLVideoElement => v !== null);
    const learn = (event: Event | { target: HTMLVideoElement }): void => {
      const video = event.target as HTMLVideoElement;
      const url = video.dataset.url;
      if (!url || video.videoWidth <= 0 || video.videoHeight <= 0) return;
      learnStreamSize(url, { width: video.videoWidth, height: video.videoHeight }, isSub(url));
    };
    for (const video of videos) {
      video.addEventListener('resize', learn);
      learn({ target: video });
    }
    return () => {
      for (const video of videos) video.removeEventListener('resize', learn);
    };
    // The refs are stable; the videos and their URLs change with `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, isSub]);
}

/** An element's size in device pixels (CSS pixels × devicePixelRatio), null before measured. */
export function useDeviceSize(ref: RefObject<HTMLElement | null>): Size | null {
  const [size, setSize] = useState<Size | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const measure = (): void => {
      const box = element.getBoundingClientRect();
      const ratio = window.devicePixelRatio || 1;
      const width = Math.round(box.width * ratio);
      const height = Math.round(box.height * ratio);
      setSize((s) => (s?.width === width && s.height === height ? s : { width, height }));
    };
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    measure();
    return () => observer.disconnect();
  }, [ref]);
  return size;
}
