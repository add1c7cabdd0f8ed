/** "Show on map" from the tree: one request, kept until the map takes it (issue #15). */
import { describe, expect, it } from 'vitest';
import {
  pendingMapFocus,
  requestMapFocus,
  subscribeMapFocus,
  takeMapFocus,
} from '../../../../renderer/common/map-focus';

describe('map focus requests', () => {
  it('keeps the latest request for a map that is not there yet, and tells listeners', () => {
    const heard: number[] = [];
    const stop = subscribeMapFocus(() => heard.push(pendingMapFocus()?.seq ?? -1));
    requestMapFocus({ kind: 'camera', id: 'cam-1' });
    const first = pendingMapFocus()!;
    requestMapFocus({ kind: 'camera', id: 'cam-1' });
    const second = pendingMapFocus()!;
    expect(second.seq).toBeGreaterThan(first.seq);
    // Taking an older request leaves the newer one.
    takeMapFocus(first.seq);
    expect(pendingMapFocus()).toBe(second);
    takeMapFocus(second.seq);
    expect(pendingMapFocus()).toBeNull();
    expect(heard).toEqual([first.seq, second.seq, -1]);
    stop();
  });
});
