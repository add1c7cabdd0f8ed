/**
 * Issue #15, "Legibility on a hall wall": a tile names the camera it shows or is about to show
 * (a held-back tile named the previous camera), and its words say what the state means for the
 * watcher in the UI's language, the engineering cause only on demand.
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../../../renderer/i18n/en';
import { zhCN } from '../../../../renderer/i18n/zh-CN';
import { labelledCamera, type TileDisplayState } from '../../../../renderer/wall/tile-state';

const shown = 'A (on screen)';
const wanted = 'B (wanted)';

describe('the camera a tile names', () => {
  it('is the wanted one whenever the front plays it (or nothing)', () => {
    for (const state of ['playing', 'held-back', 'connecting'] as const) {
      expect(labelledCamera({ state, wanted, onScreen: shown, frontIsWanted: true })).toBe(wanted);
    }
  });

  it('stays the one on screen while the next warms behind its live or frozen picture', () => {
    for (const state of ['playing', 'stalled'] as const) {
      expect(labelledCamera({ state, wanted, onScreen: shown, frontIsWanted: false })).toBe(shown);
    }
  });

  it('is the wanted one for every state about the wanted camera, held back first', () => {
    const about: TileDisplayState[] = [
      'held-back',
      'offline-camera',
      'not-allowed',
      'unknown-camera',
      'connecting',
      'reconnecting',
      'no-network',
      'error',
      'unsupported',
    ];
    for (const state of about) {
      expect(labelledCamera({ state, wanted, onScreen: shown, frontIsWanted: false })).toBe(wanted);
    }
  });
});

describe('what a tile says, for the watcher', () => {
  const engineering = /解码|预算|budget|decoder|HLS|streamHosts|security\./i;

  it('says in plain words why a tile does not play, the cause only in the details', () => {
    for (const messages of [zhCN, en]) {
      expect(messages.wall.state.heldBack).not.toMatch(engineering);
      expect(messages.wall.state.notAllowed).not.toMatch(engineering);
      expect(messages.wall.state.unsupported).not.toMatch(engineering);
      expect(messages.wall.stateHint.heldBack).not.toMatch(engineering);
      expect(messages.wall.stateDetail.heldBack).toMatch(/\{\{budget\}\}/);
      expect(messages.wall.stateDetail.notAllowed).toMatch(/security\.streamHosts/);
    }
  });

  it('keeps Chinese words in the Chinese UI', () => {
    expect(zhCN.wall.state.heldBack).not.toMatch(/[A-Za-z]/);
    expect(zhCN.wall.stateHint.heldBack).not.toMatch(/[A-Za-z]/);
    expect(zhCN.wall.stallCause.decoder).not.toMatch(/解码/);
  });
});
