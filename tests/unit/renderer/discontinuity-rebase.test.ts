import { describe, expect, it } from 'vitest';
import {
  rebaseDiscontinuitySequence,
  type RebaseState,
} from '../../../renderer/wall/discontinuity-rebase';

const playlist = (ds: number, media = 100) =>
  [
    '#EXTM3U',
    '#EXT-X-VERSION:3',
    '#EXT-X-TARGETDURATION:2',
    `#EXT-X-MEDIA-SEQUENCE:${media}`,
    `#EXT-X-DISCONTINUITY-SEQUENCE:${ds}`,
    '#EXTINF:2.000,',
    'seg.ts',
    '',
  ].join('\n');

describe('rebaseDiscontinuitySequence', () => {
  it('makes a wall-clock discontinuity sequence start at 0 for this player, and keeps counting', () => {
    const state: RebaseState = { base: null };
    expect(rebaseDiscontinuitySequence(playlist(146_800_123), state)).toBe(playlist(0));
    expect(rebaseDiscontinuitySequence(playlist(146_800_124), state)).toBe(playlist(1));
    expect(rebaseDiscontinuitySequence(playlist(146_800_130, 146_800_130), state)).toBe(
      playlist(7, 146_800_130),
    );
  });

  it('leaves small sequences and playlists without the tag alone', () => {
    const state: RebaseState = { base: null };
    expect(rebaseDiscontinuitySequence(playlist(3), state)).toBe(playlist(3));
    expect(state.base).toBeNull();
    const master = '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\nlive.m3u8\n';
    expect(rebaseDiscontinuitySequence(master, state)).toBe(master);
  });

  it('never goes negative', () => {
    const state: RebaseState = { base: 500_000 };
    expect(rebaseDiscontinuitySequence(playlist(400_000), state)).toBe(playlist(0));
  });
});
