/**
 * "Send to wall" on an area (issue #10 item 5): a CSV catalog without MQTT has every camera
 * `unknown`; unknown must not mean never shown. Online cameras come first, then unknown ones,
 * offline ones never.
 */
import { describe, expect, it } from 'vitest';
import type { Area, Camera, CameraStatus } from '../../../shared/api';
import { buildCameraTree } from '../../../renderer/common/camera-tree';
import { areaCameraIds } from '../../../renderer/desk/wall-group';

const areas: Area[] = [
  { id: 'r1', name: '城区', level: 'region', parentId: null },
  { id: 'z1', name: '钢山派出所', level: 'zone', parentId: 'r1' },
  { id: 'g1', name: '一网格', level: 'grid', parentId: 'z1' },
  { id: 'g2', name: '二网格', level: 'grid', parentId: 'z1' },
];
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
const none = new Map<string, CameraStatus>();

describe('areaCameraIds', () => {
  it('sends the cameras of a CSV catalog, whose status is unknown', () => {
    const tree = buildCameraTree(areas, [
      camera('c1', 'g1', 'unknown'),
      camera('c2', 'g1', 'unknown'),
      camera('c3', 'g2', 'unknown'),
    ]);
    expect(areaCameraIds(tree, 'z1', none, 4)).toEqual(['c1', 'c2', 'c3']);
    expect(areaCameraIds(tree, 'r1', none, 2)).toEqual(['c1', 'c2']);
  });

  it('skips offline cameras and puts online ones before unknown ones', () => {
    const tree = buildCameraTree(areas, [
      camera('c1', 'g1', 'unknown'),
      camera('c2', 'g1', 'offline'),
      camera('c3', 'g2', 'online'),
      camera('c4', 'g2', 'unknown'),
    ]);
    expect(areaCameraIds(tree, 'z1', none, 4)).toEqual(['c3', 'c1', 'c4']);
    expect(areaCameraIds(tree, 'z1', none, 1)).toEqual(['c3']);
    // The live status (MQTT) wins over the catalog's.
    const live = new Map<string, CameraStatus>([
      ['c1', 'offline'],
      ['c2', 'online'],
    ]);
    expect(areaCameraIds(tree, 'z1', live, 4)).toEqual(['c2', 'c3', 'c4']);
  });

  it('sends nothing when every camera is offline', () => {
    const tree = buildCameraTree(areas, [camera('c1', 'g1', 'offline')]);
    expect(areaCameraIds(tree, 'z1', none, 4)).toEqual([]);
  });
});
