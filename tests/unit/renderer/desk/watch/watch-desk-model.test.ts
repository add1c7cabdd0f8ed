import { describe, expect, it } from 'vitest';
import type { Area, Camera } from '../../../../../shared/api';
import { buildCameraTree } from '../../../../../renderer/common/camera-tree';
import {
  appendUnique,
  hallShort,
  camerasUnder,
  cyclePosition,
  draftToWindow,
  expiryAt,
  moveItem,
  runCounts,
  targetTiles,
  windowToDraft,
} from '../../../../../renderer/desk/watch/watch-model';

const page = (cursor: number, tiles: number) => ({
  number: 1,
  cursor,
  tiles: Array.from({ length: tiles }, (_, i) => ({ tileIndex: i, cameraId: `c${i}` })),
  skipped: [],
  dwellMs: 1000,
});

describe('cyclePosition', () => {
  it('counts pages of a full wall through the group', () => {
    expect(cyclePosition({ page: page(0, 4), nextPage: page(4, 4) }, 10)).toEqual({
      page: 1,
      of: 3,
    });
    expect(cyclePosition({ page: page(8, 2), nextPage: page(0, 4) }, 10)).toEqual({
      page: 3,
      of: 3,
    });
  });
  it('is 1/1 for a group smaller than the wall', () => {
    expect(cyclePosition({ page: page(0, 3), nextPage: page(0, 3) }, 3)).toEqual({
      page: 1,
      of: 1,
    });
  });
});

describe('tour runs and lists', () => {
  it('counts marked, missed and open stops', () => {
    const stop = (outcome: 'normal' | 'missed' | 'faulty' | null) => ({ outcome });
    expect(
      runCounts({ stops: [stop('normal'), stop('missed'), stop('faulty'), stop(null)] } as never),
    ).toEqual({ marked: 2, missed: 1, open: 1 });
  });
  it('moves an item within bounds', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, -5)).toEqual(['c', 'a', 'b']);
  });
  it('appends only ids not yet listed, in order', () => {
    expect(appendUnique(['a', 'b'], ['b', 'c', 'a', 'd', 'c'])).toEqual(['a', 'b', 'c', 'd']);
  });
  it('names tiles 1-based and sorted, or null for all tiles', () => {
    expect(targetTiles({ target: { wallId: 1, tileIndices: [3, 0] } })).toEqual([1, 4]);
    expect(targetTiles({ target: { wallId: 1 } })).toBeNull();
  });
});

describe('times', () => {
  it("writes the hall's time, with the year only when it is not this year", () => {
    const t = Date.UTC(2026, 10, 30, 18, 5); // 2026-12-01 02:05 in Beijing
    expect(hallShort(t, 'Asia/Shanghai', t)).toBe('12-01 02:05');
    expect(hallShort(t, 'Asia/Shanghai', Date.UTC(2027, 5, 1))).toBe('2026-12-01 02:05');
    expect(hallShort(t, 'UTC', t)).toBe('11-30 18:05');
  });
  it('turns a pin expiry choice into a time', () => {
    expect(expiryAt('h4', 1000)).toBe(1000 + 4 * 3600_000);
    expect(expiryAt('never', 1000)).toBeNull();
  });
});

describe('camerasUnder', () => {
  const areas: Area[] = [
    { id: 'R', name: 'R', level: 'region', parentId: null },
    { id: 'Z1', name: 'Z1', level: 'zone', parentId: 'R' },
    { id: 'G1', name: 'G1', level: 'grid', parentId: 'Z1' },
    { id: 'G2', name: 'G2', level: 'grid', parentId: 'Z1' },
  ];
  const cam = (id: string, gridId: string, status: Camera['status'] = 'online') =>
    ({ id, name: id, gridId, kind: 'fixed', lat: 0, lng: 0, liveUrl: 'x', status }) as Camera;
  const tree = buildCameraTree(areas, [
    cam('a', 'G1'),
    cam('b', 'G2', 'offline'),
    cam('c', 'G1'),
    cam('d', 'G2'),
  ]);
  it('takes every camera of a zone, offline ones too, in tree order', () => {
    expect(camerasUnder(tree, 'Z1', 10)).toEqual(['a', 'c', 'b', 'd']);
    expect(camerasUnder(tree, 'G2', 10)).toEqual(['b', 'd']);
  });
  it('stops at the limit', () => {
    expect(camerasUnder(tree, 'R', 3)).toEqual(['a', 'c', 'b']);
  });
});

describe('tour windows in the editor', () => {
  it('round-trips a window through the editor draft', () => {
    const w = { start: '22:00', end: '02:00', days: [1, 3] as number[], from: '2026-12-01' };
    expect(draftToWindow(windowToDraft(w))).toEqual(w);
    expect(draftToWindow(windowToDraft({ start: '02:00', end: '05:00', days: 'daily' }))).toEqual({
      start: '02:00',
      end: '05:00',
      days: 'daily',
    });
  });
  it('sends chosen weekdays sorted, and an empty range as none', () => {
    expect(
      draftToWindow({
        start: '08:00',
        end: '09:00',
        kind: 'specific',
        weekdays: [5, 0, 2],
        from: '',
        until: '',
      }),
    ).toEqual({ start: '08:00', end: '09:00', days: [0, 2, 5] });
  });
});
