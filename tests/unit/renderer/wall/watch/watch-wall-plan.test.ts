/**
 * The wall's half of the watch modes (issue #4), on plain values: which camera each tile wants
 * and warms as a rotation pages, what overlays what, the status line, the two-player swap's
 * decisions (warm ahead, swap at once when warmed), pre-warm within the decoder budget, and the
 * tour keys.
 */
import { describe, expect, it } from 'vitest';
import type { FocusState, RunningRotation } from '../../../../../shared/contract/watch';
import type { RotationPage } from '../../../../../shared/domain/watch';
import { warmingTiles } from '../../../../../renderer/wall/decoder-budget';
import { nextSwapState } from '../../../../../renderer/wall/use-stream-swap';
import { markForKey } from '../../../../../renderer/wall/watch/use-wall-watch-keys';
import {
  nextRotationChange,
  planTiles,
  rotationPageAt,
  rotationStatus,
} from '../../../../../renderer/wall/watch/wall-watch';

const page = (n: number, cursor: number, ids: string[], skipped: string[] = []): RotationPage => ({
  number: n,
  cursor,
  tiles: ids.map((cameraId, tileIndex) => ({ tileIndex, cameraId })),
  skipped,
  dwellMs: 5000,
});

// As the core sends it: the group's name and size ride with the view, not its 40 cameras.
const view = (over: Partial<RunningRotation> = {}): RunningRotation => ({
  groupId: 'g',
  name: '河道',
  cameraCount: 40,
  wallId: 1,
  page: page(1, 0, ['a', 'b', 'c', 'd']),
  nextPage: page(2, 4, ['e', 'f', 'g', 'h']),
  pageStartedAt: 10_000,
  swapAt: 15_000,
  remainingMs: null,
  pauses: [],
  skipCount: 0,
  paused: false,
  prewarmAt: 12_000,
  ...over,
});

describe('a wall following a rotation', () => {
  it('shows the page, warms the next from prewarmAt, and swaps at swapAt before the core says so', () => {
    const v = view();
    expect(rotationPageAt(v, 11_000)).toEqual({ page: v.page, warm: null });
    expect(rotationPageAt(v, 12_000)).toEqual({ page: v.page, warm: v.nextPage });
    expect(rotationPageAt(v, 15_000)).toEqual({ page: v.nextPage, warm: null });
    expect(nextRotationChange(v, 11_000)).toBe(12_000);
    expect(nextRotationChange(v, 12_000)).toBe(15_000);
    expect(nextRotationChange(v, 15_000)).toBeNull();
  });

  it('paused: stays on its page and warms nothing', () => {
    const v = view({ paused: true, pauses: ['enlarge'], prewarmAt: null, remainingMs: 2000 });
    expect(rotationPageAt(v, 20_000)).toEqual({ page: v.page, warm: null });
    expect(nextRotationChange(v, 11_000)).toBeNull();
    const s = rotationStatus(v, 20_000);
    expect(s).toMatchObject({ paused: true, reasons: ['enlarge'], remainingMs: 2000 });
  });

  it('says page x/y of the group and the offline cameras skipped', () => {
    const v = view({
      page: page(3, 8, ['c8', 'c10', 'c11', 'c12'], ['c9']),
      nextPage: page(4, 13, ['c13', 'c14', 'c15', 'c16']),
      skipCount: 1,
    });
    expect(rotationStatus(v, 11_000)).toMatchObject({
      name: '河道',
      page: 3,
      pages: 10,
      skippedNow: 1,
      skippedTotal: 1,
      remainingMs: 4000,
    });
    // Swapped locally (the core's event not in yet): the next page's place.
    expect(rotationStatus(v, 15_001)).toMatchObject({ page: 4, skippedNow: 0 });
  });

  it('rotating tiles overlay assignments; pins are badged; an alert and a tour win their tiles', () => {
    const focus: FocusState = {
      pins: [
        {
          wallId: 1,
          tileIndex: 3,
          cameraId: 'p',
          reason: '重点',
          expiresAt: null,
          pinnedBy: 'x',
          pinnedAt: 0,
        },
        {
          wallId: 2,
          tileIndex: 0,
          cameraId: 'q',
          reason: '',
          expiresAt: null,
          pinnedBy: 'x',
          pinnedAt: 0,
        },
      ],
      pulls: [
        {
          alertId: 'al',
          title: '火情',
          lat: 0,
          lng: 0,
          wallId: 1,
          tiles: [{ tileIndex: 2, cameraId: 'z', distanceM: 42, reason: 'sees' }],
          pulledAt: 0,
          expiresAt: 1,
        },
      ],
    };
    const rot = {
      page: {
        ...page(1, 0, []),
        tiles: [0, 1, 2].map((i) => ({ tileIndex: i, cameraId: `r${i}` })),
      },
      warm: {
        ...page(2, 3, []),
        tiles: [0, 1, 2].map((i) => ({ tileIndex: i, cameraId: `w${i}` })),
      },
    };
    const plans = planTiles({
      wallId: 1,
      assigned: ['x0', 'x1', 'x2', 'p'],
      rotation: rot,
      focus,
      tour: { tileIndex: 1, cameraId: 't' },
    });
    expect(plans.map((p) => p.cameraId)).toEqual(['r0', 't', 'z', 'p']);
    expect(plans.map((p) => p.warmCameraId)).toEqual(['w0', null, null, null]);
    expect(plans.map((p) => p.watch?.kind ?? null)).toEqual(['rotation', 'tour', 'pull', 'pin']);
    const pull = plans[2]!.watch;
    expect(pull?.kind === 'pull' && [pull.pull.title, pull.distanceM]).toEqual(['火情', 42]);
  });
});

describe('the two-player swap of a tile', () => {
  const s0 = { urls: ['A', null] as [string | null, string | null], front: 0 as const };
  const state = (over = {}) => ({ ...s0, want: 'A', backReady: false, ...over });

  it('warms the next stream behind the one on screen, and swaps at once when it has a frame', () => {
    const warming = nextSwapState(state(), 'A', 'B', true);
    expect(warming).toMatchObject({ urls: ['A', 'B'], front: 0, backReady: false });
    // Its first frame came before swapAt: ready, not swapped (warm is not want).
    const ready = { ...warming!, backReady: true };
    expect(nextSwapState(ready, 'A', 'B', true)).toBeNull();
    // swapAt: B is wanted and ready: the back takes the front in this render.
    expect(nextSwapState(ready, 'B', null, true)).toMatchObject({
      urls: [null, 'B'],
      front: 1,
      want: 'B',
    });
  });

  it('not warmed yet at swapAt: waits behind a playing front for the first frame', () => {
    const warming = nextSwapState(state(), 'A', 'B', true)!;
    expect(nextSwapState(warming, 'B', null, true)).toMatchObject({
      urls: ['A', 'B'],
      front: 0,
      want: 'B',
    });
  });

  it('a stalled front (frozen picture) waits for the warming stream instead of going blank', () => {
    const warming = nextSwapState(state(), 'A', 'B', true)!;
    expect(nextSwapState(warming, 'B', null, false, true)).toMatchObject({
      urls: ['A', 'B'],
      front: 0,
    });
    // A front with no picture at all (connecting, offline) gives way at once.
    expect(nextSwapState(warming, 'B', null, false, false)).toMatchObject({ front: 1 });
  });

  it('no pre-warm (budget full): the new stream loads behind and swaps on its first frame', () => {
    expect(nextSwapState(state(), 'B', null, true)).toMatchObject({ urls: ['A', 'B'], front: 0 });
    // Nothing worth keeping on screen: the change is direct.
    expect(nextSwapState(state(), 'B', null, false)).toMatchObject({ urls: ['B', null] });
  });

  it('the warm stream dropped (rotation paused): the hidden player goes', () => {
    const warming = nextSwapState(state(), 'A', 'B', true)!;
    expect(nextSwapState(warming, 'A', null, true)).toMatchObject({ urls: ['A', null], front: 0 });
  });
});

describe('pre-warm within the decoder budget', () => {
  it('takes the slots left after the tiles on screen, in tile order', () => {
    const f = { budget: 6, hidden: false, enlarged: null };
    expect([...warmingTiles({ ...f, decoding: 4, warming: [3, 0, 1, 2] })]).toEqual([0, 1]);
    expect(warmingTiles({ ...f, decoding: 6, warming: [0] }).size).toBe(0);
    expect(warmingTiles({ ...f, hidden: true, decoding: 0, warming: [0] }).size).toBe(0);
    expect(warmingTiles({ ...f, enlarged: 2, decoding: 1, warming: [0] }).size).toBe(0);
  });
});

describe('tour keys at the wall', () => {
  it('1 normal, 2 abnormal, 3 opens the fault menu, then 1-5 name the fault, Esc backs out', () => {
    expect(markForKey('1', false)).toEqual({ mark: 'normal' });
    expect(markForKey('2', false)).toEqual({ mark: 'abnormal' });
    expect(markForKey('3', false)).toBe('menu');
    expect(markForKey('4', false)).toBeNull();
    expect(markForKey('2', true)).toEqual({ mark: 'faulty', fault: 'frozen' });
    expect(markForKey('5', true)).toEqual({ mark: 'faulty', fault: 'obstructed' });
    expect(markForKey('Escape', true)).toBe('back');
    expect(markForKey('x', true)).toBeNull();
  });
});
