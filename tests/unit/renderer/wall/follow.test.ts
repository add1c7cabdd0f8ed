import { afterEach, describe, expect, it, vi } from 'vitest';
import { followInput } from '../../../../renderer/wall/follow';
import { acquireClock, clockPosition, playbackGroup } from '../../../../renderer/wall/sync-clock';

afterEach(() => vi.useRealTimers());

describe('the wall follows a suspect', () => {
  it('sends the moment of a tile in playback, nothing for a live tile', () => {
    expect(followInput(1, 2, 'cam-9', undefined)).toEqual({
      wallId: 1,
      tileIndex: 2,
      cameraId: 'cam-9',
    });
    expect(followInput(1, 2, 'cam-9', null)).toEqual({
      wallId: 1,
      tileIndex: 2,
      cameraId: 'cam-9',
    });
    expect(followInput(1, 2, 'cam-9', 1_700_000_000_123.6)).toEqual({
      wallId: 1,
      tileIndex: 2,
      cameraId: 'cam-9',
      atMs: 1_700_000_000_124,
    });
  });

  it("reads the tile's position from its group's clock", () => {
    vi.useFakeTimers();
    const start = Date.UTC(2026, 11, 3, 3, 0, 0);
    const group = playbackGroup(1, 0, { syncGroup: null });
    expect(group).toBe('solo-1-0');
    expect(playbackGroup(1, 0, { syncGroup: 'w1-g3' })).toBe('w1-g3');
    expect(clockPosition(group)).toBeNull();
    const { clock, release } = acquireClock(group, start, start + 30 * 60_000, 1);
    clock.seek(start + 7 * 60_000);
    expect(clockPosition(group)).toBe(start + 7 * 60_000);
    release();
    expect(clockPosition(group)).toBeNull();
  });
});
