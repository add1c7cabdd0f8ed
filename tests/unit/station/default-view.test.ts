/**
 * A first run's walls (issue #10 item 5): on a CSV catalog without MQTT every camera is
 * `unknown`, and the default view must still put cameras on the walls (online first, never an
 * offline one).
 */
import { describe, expect, it } from 'vitest';
import type { Camera, CameraStatus, Catalog } from '../../../shared/api';
import { defaultView } from '../../../electron/station/wall/wall-service';

const camera = (id: string, gridId: string, status: CameraStatus): Camera => ({
  id,
  name: id,
  gridId,
  kind: 'fixed',
  lat: 35.4,
  lng: 116.9,
  liveUrl: `http://10.0.0.1/live/${id}.m3u8`,
  status,
});
const catalog = (cameras: Camera[]): Catalog => ({
  version: 'v1',
  areas: [
    { id: 'r1', name: '城区', level: 'region', parentId: null },
    { id: 'z1', name: '一所', level: 'zone', parentId: 'r1' },
    { id: 'g1', name: '一网格', level: 'grid', parentId: 'z1' },
  ],
  cameras,
});

describe('defaultView', () => {
  it('fills the walls from a catalog whose cameras are all unknown (a CSV file)', () => {
    const cams = ['c1', 'c2', 'c3'].map((id) => camera(id, 'g1', 'unknown'));
    expect(defaultView(catalog(cams), 1, 4).map((p) => p.cameraId)).toEqual([
      'c1',
      'c2',
      'c3',
      null,
    ]);
  });

  it('puts online cameras first and never an offline one', () => {
    const cams = [
      camera('c1', 'g1', 'unknown'),
      camera('c2', 'g1', 'offline'),
      camera('c3', 'g1', 'online'),
    ];
    expect(defaultView(catalog(cams), 1, 4).map((p) => p.cameraId)).toEqual([
      'c3',
      'c1',
      null,
      null,
    ]);
  });
});
