/**
 * A base-map tile whose fetch failed is fetched again with backoff, and the layer says its state
 * (issue #15: it stayed a grey square).
 */
import { describe, expect, it } from 'vitest';
import {
  retryUrl,
  stripRetry,
  TileRetry,
  type BaseLayerState,
} from '../../../renderer/map/tile-retry';

function harness(maxAttempts = 3) {
  const timers: { run: () => void; ms: number; cancelled: boolean }[] = [];
  const states: BaseLayerState[] = [];
  const retry = new TileRetry({
    maxAttempts,
    backoff: { baseMs: 1000, maxMs: 8000, jitter: 0 },
    schedule: (run, ms) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return timer;
    },
    cancel: (handle) => {
      (handle as { cancelled: boolean }).cancelled = true;
    },
    onState: (s) => states.push(s),
  });
  const fire = () => {
    const due = timers.filter((t) => !t.cancelled);
    timers.length = 0;
    for (const t of due) t.run();
    return due.map((t) => t.ms);
  };
  return { retry, timers, states, fire };
}

describe('base-map tile retry', () => {
  it('marks a retry in the URL so the browser fetches again, and can take it out', () => {
    expect(retryUrl('http://h/tiles/1/2/3.png', 2)).toBe('http://h/tiles/1/2/3.png?vigil-retry=2');
    expect(retryUrl('http://h/t?x=1&vigil-retry=1', 2)).toBe('http://h/t?x=1&vigil-retry=2');
    expect(stripRetry('http://h/t.png?vigil-retry=3')).toBe('http://h/t.png');
    expect(stripRetry('http://h/t.png?vigil-retry=3&a=1')).toBe('http://h/t.png?a=1');
  });

  it('retries a failed tile with growing delays and counts it recovered when it loads', () => {
    const { retry, fire, states } = harness();
    const tile = { src: 'http://h/10/1/2.png', isConnected: true };
    retry.startLoading();
    retry.error(tile);
    expect(retry.state()).toMatchObject({ status: 'retrying', retrying: 1, failed: 0 });
    expect(fire()).toEqual([1000]);
    expect(tile.src).toBe('http://h/10/1/2.png?vigil-retry=1');
    retry.error(tile);
    expect(fire()).toEqual([2000]);
    expect(tile.src).toBe('http://h/10/1/2.png?vigil-retry=2');
    retry.loaded(tile);
    retry.doneLoading();
    expect(retry.state()).toMatchObject({ status: 'ok', retrying: 0, failed: 0, recovered: 1 });
    expect(states.map((s) => s.status)).toEqual(['loading', 'retrying', 'loading', 'ok']);
  });

  it('gives up after the attempts, says so, and retries at once when asked', () => {
    const { retry, fire } = harness(2);
    const tile = { src: 'http://h/t.png', isConnected: true };
    retry.error(tile);
    fire();
    retry.error(tile);
    fire();
    retry.error(tile);
    expect(retry.state()).toMatchObject({
      status: 'failed',
      failed: 1,
      lastFailedUrl: 'http://h/t.png',
    });
    expect(fire()).toEqual([]);
    retry.retryNow();
    expect(tile.src).toBe('http://h/t.png?vigil-retry=1');
    expect(retry.state()).toMatchObject({ status: 'retrying', failed: 0, retrying: 1 });
  });

  it('forgets a tile the map dropped (no retry for a tile out of view)', () => {
    const { retry, fire, timers } = harness();
    const tile = { src: 'http://h/t.png', isConnected: true };
    retry.error(tile);
    retry.unloaded(tile);
    expect(timers[0]!.cancelled).toBe(true);
    const gone = { src: 'http://h/u.png', isConnected: false };
    retry.error(gone);
    fire();
    expect(gone.src).toBe('http://h/u.png');
    expect(retry.state()).toMatchObject({ status: 'ok', retrying: 0 });
  });
});
