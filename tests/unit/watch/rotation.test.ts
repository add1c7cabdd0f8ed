import { describe, expect, it } from 'vitest';
import {
  nextPage,
  pause,
  planPage,
  previousPage,
  resume,
  rotationTiles,
  rotationView,
  startRotation,
  tick,
  type RotationGroup,
} from '../../../shared/domain/watch';

const cams = Array.from({ length: 10 }, (_, i) => `c${i}`);
const group = (over: Partial<RotationGroup> = {}): RotationGroup => ({
  id: 'g1',
  name: '河道',
  cameraIds: cams,
  dwellMs: 5000,
  dwellOverrides: {},
  target: { wallId: 1 },
  ...over,
});
const tiles = [0, 1, 2, 3];
const allOnline = (): boolean => true;

describe('rotation paging', () => {
  it('pages through the group four at a time, all tiles together, wrapping at the end', () => {
    const g = group();
    let run = startRotation(g, tiles, allOnline, 0);
    expect(run.page.tiles.map((t) => t.cameraId)).toEqual(['c0', 'c1', 'c2', 'c3']);
    expect(run.swapAt).toBe(5000);
    run = tick(run, g, tiles, allOnline, 4999);
    expect(run.page.number).toBe(1);
    run = tick(run, g, tiles, allOnline, 5000);
    expect(run.page.tiles.map((t) => t.cameraId)).toEqual(['c4', 'c5', 'c6', 'c7']);
    expect(run.pageStartedAt).toBe(5000);
    run = tick(run, g, tiles, allOnline, 10_000);
    // The last page holds c8, c9 and wraps to c0, c1: a page is always full.
    expect(run.page.tiles.map((t) => t.cameraId)).toEqual(['c8', 'c9', 'c0', 'c1']);
    expect(run.page.tiles.map((t) => t.tileIndex)).toEqual(tiles);
  });

  it('catches up pages missed while away, each at its own time', () => {
    const g = group();
    let run = startRotation(g, tiles, allOnline, 0);
    run = tick(run, g, tiles, allOnline, 17_000);
    expect(run.page.number).toBe(4);
    expect(run.pageStartedAt).toBe(15_000);
    expect(run.swapAt).toBe(20_000);
  });

  it('a page stays for the longest dwell of its cameras (per-camera override)', () => {
    const g = group({ dwellOverrides: { c5: 12_000, c9: 1000 } });
    let run = startRotation(g, tiles, allOnline, 0);
    expect(run.page.dwellMs).toBe(5000);
    run = tick(run, g, tiles, allOnline, 5000);
    expect(run.page.dwellMs).toBe(12_000);
    expect(run.swapAt).toBe(17_000);
    run = tick(run, g, tiles, allOnline, 16_999);
    expect(run.page.number).toBe(2);
  });

  it('skips offline cameras, counts them, and lets a camera that comes back rejoin', () => {
    const g = group();
    const offline = new Set(['c1', 'c5']);
    const isOnline = (id: string): boolean => !offline.has(id);
    let run = startRotation(g, tiles, isOnline, 0);
    expect(run.page.tiles.map((t) => t.cameraId)).toEqual(['c0', 'c2', 'c3', 'c4']);
    expect(run.page.skipped).toEqual(['c1']);
    run = tick(run, g, tiles, isOnline, 5000);
    expect(run.page.tiles.map((t) => t.cameraId)).toEqual(['c6', 'c7', 'c8', 'c9']);
    expect(run.page.skipped).toEqual(['c5']);
    expect(run.skipCount).toBe(2);
    offline.delete('c1');
    run = tick(run, g, tiles, isOnline, 10_000);
    expect(run.page.tiles.map((t) => t.cameraId)).toEqual(['c0', 'c1', 'c2', 'c3']);
  });

  it('shows fewer tiles than slots rather than repeating when few cameras are online', () => {
    const g = group({ cameraIds: ['a', 'b', 'c'] });
    const page = planPage(g, 0, tiles, (id) => id !== 'b');
    expect(page.tiles.map((t) => t.cameraId)).toEqual(['a', 'c']);
  });

  it('next and previous page by hand', () => {
    const g = group();
    let run = startRotation(g, tiles, allOnline, 0);
    run = nextPage(run, g, tiles, allOnline, 1000);
    expect(run.page.tiles[0]?.cameraId).toBe('c4');
    expect(run.swapAt).toBe(6000);
    run = previousPage(run, g, tiles, allOnline, 2000);
    expect(run.page.tiles[0]?.cameraId).toBe('c0');
    run = previousPage(run, g, tiles, allOnline, 2000);
    expect(run.page.tiles.map((t) => t.cameraId)).toEqual(['c6', 'c7', 'c8', 'c9']);
  });

  it('pinned tiles never rotate: they are not among the rotation tiles', () => {
    expect(rotationTiles({ wallId: 1 }, 4, new Set([1]))).toEqual([0, 2, 3]);
    expect(rotationTiles({ wallId: 1, tileIndices: [3, 2, 9] }, 4, new Set([2]))).toEqual([3]);
  });
});

describe('pause rules', () => {
  it('pauses keep the page and its remaining time; resume goes on from there', () => {
    const g = group();
    let run = startRotation(g, tiles, allOnline, 0);
    run = pause(run, 'operator', 2000);
    run = tick(run, g, tiles, allOnline, 60_000);
    expect(run.page.number).toBe(1);
    run = resume(run, 'operator', 60_000);
    expect(run.swapAt).toBe(63_000);
  });

  it('auto-pause (enlarge, playback) and the operator pause are separate reasons', () => {
    const g = group();
    let run = startRotation(g, tiles, allOnline, 0);
    run = pause(run, 'enlarge', 1000);
    run = pause(run, 'operator', 2000);
    run = resume(run, 'enlarge', 3000);
    expect(run.pauses).toEqual(['operator']);
    expect(tick(run, g, tiles, allOnline, 50_000).page.number).toBe(1);
    run = resume(run, 'operator', 10_000);
    expect(run.swapAt).toBe(14_000);
  });

  it('the view names the next page and when to pre-warm it; none while paused', () => {
    const g = group();
    const run = startRotation(g, tiles, (id) => id !== 'c4', 0);
    const view = rotationView(run, g, tiles, (id) => id !== 'c4', 3000);
    expect(view.nextPage.tiles.map((t) => t.cameraId)).toEqual(['c5', 'c6', 'c7', 'c8']);
    expect(view.prewarmAt).toBe(2000);
    expect(view.swapAt).toBe(5000);
    expect(rotationView(pause(run, 'playback', 1), g, tiles, allOnline).prewarmAt).toBeNull();
  });
});
