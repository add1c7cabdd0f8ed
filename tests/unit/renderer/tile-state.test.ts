import { describe, expect, it } from 'vitest';
import { tileDisplayState, type TileFacts } from '../../../renderer/wall/tile-state';

const facts = (over: Partial<TileFacts>): TileFacts => ({
  cameraId: 'c1',
  cameraStatus: 'online',
  player: 'connecting',
  link: 'online',
  ...over,
});

describe('tileDisplayState', () => {
  it('says a stream the page may not load is not allowed, not that it is reconnecting', () => {
    const facts = { cameraId: 'c', cameraStatus: 'online' as const, link: 'online' as const };
    expect(tileDisplayState({ ...facts, player: 'reconnecting', streamBlocked: true })).toBe(
      'not-allowed',
    );
    expect(tileDisplayState({ ...facts, player: 'idle', streamBlocked: true })).toBe('not-allowed');
    // An empty tile is empty whatever its stream would be.
    expect(
      tileDisplayState({ ...facts, cameraId: null, player: 'idle', streamBlocked: true }),
    ).toBe('empty');
  });

  it('says "no camera" for an empty tile and names an unknown one', () => {
    expect(tileDisplayState(facts({ cameraId: null }))).toBe('empty');
    expect(tileDisplayState(facts({ cameraStatus: null }))).toBe('unknown-camera');
  });

  it("trusts the station's offline status over frames (issue #10; tile-truth.test.ts)", () => {
    expect(
      tileDisplayState(facts({ player: 'playing', cameraStatus: 'offline', link: 'offline' })),
    ).toBe('offline-camera');
  });

  it('explains a picture that is not live', () => {
    expect(tileDisplayState(facts({ player: 'reconnecting', cameraStatus: 'offline' }))).toBe(
      'offline-camera',
    );
    expect(tileDisplayState(facts({ player: 'reconnecting', link: 'offline' }))).toBe('no-network');
    expect(tileDisplayState(facts({ player: 'stalled', link: 'offline' }))).toBe('no-network');
    expect(tileDisplayState(facts({ player: 'stalled' }))).toBe('stalled');
    expect(tileDisplayState(facts({ player: 'reconnecting', link: 'degraded' }))).toBe(
      'reconnecting',
    );
    expect(tileDisplayState(facts({ player: 'error' }))).toBe('error');
    expect(tileDisplayState(facts({ player: 'unsupported' }))).toBe('unsupported');
    expect(tileDisplayState(facts({ player: 'connecting', cameraStatus: undefined }))).toBe(
      'connecting',
    );
  });
});
