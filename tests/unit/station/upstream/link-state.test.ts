import { describe, expect, it, vi } from 'vitest';
import {
  HTTP_DOWN_AFTER,
  initialLink,
  LinkMonitor,
  linkView,
  reduceLink,
  type LinkInput,
  type LinkModel,
} from '../../../../electron/station/upstream/link-state';

const run = (model: LinkModel, inputs: LinkInput[], at = 1000): LinkModel =>
  inputs.reduce((m, input, i) => reduceLink(m, input, at + i), model);

describe('link state', () => {
  const start = () => initialLink({ http: true, mqtt: true }, 'cache', 0);

  it('starts offline (connecting) and goes online when HTTP and MQTT answer', () => {
    const m0 = start();
    expect(linkView(m0)).toMatchObject({ state: 'offline', catalogSource: 'cache' });
    const m1 = run(m0, [{ kind: 'http-ok' }]);
    expect(linkView(m1).state).toBe('degraded');
    expect(linkView(m1).detail).toBe('realtime: connecting');
    const m2 = run(m1, [{ kind: 'mqtt-up' }, { kind: 'catalog-accepted', source: 'platform' }]);
    expect(linkView(m2)).toMatchObject({
      state: 'online',
      detail: null,
      catalogSource: 'platform',
    });
  });

  it('is offline when the platform never answered and MQTT is down', () => {
    const m = run(start(), [
      { kind: 'http-failed', detail: 'catalog: ECONNREFUSED' },
      { kind: 'mqtt-down', detail: 'ECONNREFUSED' },
    ]);
    expect(linkView(m)).toMatchObject({
      state: 'offline',
      detail: 'platform: catalog: ECONNREFUSED; realtime: ECONNREFUSED',
    });
  });

  it('is degraded when HTTP works and MQTT is down', () => {
    const m = run(start(), [{ kind: 'http-ok' }, { kind: 'mqtt-down', detail: 'disconnected' }]);
    expect(linkView(m)).toMatchObject({ state: 'degraded', detail: 'realtime: disconnected' });
  });

  it('treats a few HTTP failures after working as degraded, then offline', () => {
    let m = run(start(), [{ kind: 'http-ok' }, { kind: 'mqtt-down', detail: 'x' }]);
    for (let i = 1; i < HTTP_DOWN_AFTER; i++) {
      m = reduceLink(m, { kind: 'http-failed', detail: 'events: HTTP 503' }, 2000 + i);
      expect(linkView(m).state).toBe('degraded');
    }
    m = reduceLink(m, { kind: 'http-failed', detail: 'events: HTTP 503' }, 3000);
    expect(linkView(m)).toMatchObject({ state: 'offline', since: 3000 });
    m = reduceLink(m, { kind: 'http-ok' }, 4000);
    expect(linkView(m)).toMatchObject({ state: 'degraded', since: 4000 });
  });

  it('is degraded, not offline, when MQTT is up but HTTP is down', () => {
    const m = run(start(), [{ kind: 'mqtt-up' }, { kind: 'http-failed', detail: 'timeout' }]);
    expect(linkView(m).state).toBe('degraded');
  });

  it('reports a rejected catalog as degraded until a good one arrives', () => {
    let m = run(start(), [{ kind: 'http-ok' }, { kind: 'mqtt-up' }]);
    m = reduceLink(m, { kind: 'catalog-rejected', detail: 'cameras[3].lat: too big' }, 5);
    expect(linkView(m)).toMatchObject({
      state: 'degraded',
      detail: 'catalog rejected: cameras[3].lat: too big',
    });
    m = reduceLink(m, { kind: 'catalog-accepted', source: 'platform' }, 6);
    expect(linkView(m).state).toBe('online');
  });

  it('a file station without MQTT is online, degraded while its file is missing or rejected', () => {
    const m0 = initialLink({ http: false, mqtt: false }, 'none', 0);
    expect(linkView(m0).state).toBe('online');
    const m1 = reduceLink(
      m0,
      { kind: 'catalog-rejected', detail: 'cameras.csv: file missing (/data/cameras.csv)' },
      5,
    );
    expect(linkView(m1)).toMatchObject({
      state: 'degraded',
      since: 5,
      detail: 'catalog rejected: cameras.csv: file missing (/data/cameras.csv)',
    });
    const m2 = reduceLink(m1, { kind: 'catalog-accepted', source: 'file' }, 6);
    expect(linkView(m2)).toMatchObject({ state: 'online', detail: null, catalogSource: 'file' });
  });

  it('the monitor reports only real changes', () => {
    const onChange = vi.fn();
    const monitor = new LinkMonitor({ http: true, mqtt: false }, 'none', onChange, () => 7);
    monitor.update({ kind: 'http-ok' });
    monitor.update({ kind: 'http-ok' });
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(monitor.get()).toEqual({
      state: 'online',
      since: 7,
      detail: null,
      catalogSource: 'none',
    });
  });
});
