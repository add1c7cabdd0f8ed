import { describe, expect, it } from 'vitest';
import type { Area, Camera } from '../../../../shared/api';
import {
  allAreaIds,
  ancestorsOf,
  buildCameraTree,
  flattenTree,
  pathOf,
  searchTree,
  UNASSIGNED_ID,
  zoneOf,
} from '../../../../renderer/common/camera-tree';

/** A county shaped like Zoucheng's: 3 regions, 24 zones, 48 grids, about 26,000 cameras. */
function county(cameraCount = 26_016): { areas: Area[]; cameras: Camera[] } {
  const areas: Area[] = [];
  for (let r = 0; r < 3; r++) {
    areas.push({
      id: `r${r}`,
      name: ['城区', '邹西', '邹东'][r]!,
      level: 'region',
      parentId: null,
    });
    for (let z = 0; z < 8; z++) {
      const zone = `r${r}z${z}`;
      areas.push({
        id: zone,
        name: `派出所${r * 8 + z + 1}巡区`,
        level: 'zone',
        parentId: `r${r}`,
      });
      for (let g = 0; g < 2; g++) {
        areas.push({ id: `${zone}g${g}`, name: `网格${g + 1}`, level: 'grid', parentId: zone });
      }
    }
  }
  const grids = areas.filter((a) => a.level === 'grid');
  const kinds = ['fixed', 'checkpoint', 'vehicle', 'body'] as const;
  const cameras: Camera[] = Array.from({ length: cameraCount }, (_, i) => ({
    id: `3708830000132${String(i).padStart(7, '0')}`,
    name: i === 4242 ? 'Market North Gate' : `村口${i}号`,
    gridId: grids[i % grids.length]!.id,
    kind: kinds[i % 4]!,
    lat: 35.4,
    lng: 116.97,
    liveUrl: `http://127.0.0.1:8000/live/${i}.m3u8`,
    status: i % 50 === 0 ? 'offline' : 'online',
  }));
  return { areas, cameras };
}

describe('camera tree', () => {
  const { areas, cameras } = county();
  const tree = buildCameraTree(areas, cameras);

  it('counts cameras under every level', () => {
    expect(tree.roots.map((a) => a.id)).toEqual(['r0', 'r1', 'r2']);
    expect(tree.counts.get('r0')! + tree.counts.get('r1')! + tree.counts.get('r2')!).toBe(26_016);
    expect(tree.counts.get('r0z0g0')).toBe(26_016 / 48);
    expect(tree.counts.get('r0z0')).toBe((26_016 / 48) * 2);
  });

  it('flattens only what is expanded', () => {
    expect(flattenTree(tree, new Set()).map((r) => r.key)).toEqual(['a:r0', 'a:r1', 'a:r2']);
    const rows = flattenTree(tree, new Set(['r0', 'r0z1', 'r0z1g1']));
    // r0, its 8 zones, z1's 2 grids, g1's cameras, then r1 and r2
    expect(rows).toHaveLength(1 + 8 + 2 + 26_016 / 48 + 2);
    expect(rows.slice(0, 4).map((r) => [r.key, r.depth])).toEqual([
      ['a:r0', 0],
      ['a:r0z0', 1],
      ['a:r0z1', 1],
      ['a:r0z1g0', 2],
    ]);
    const firstCamera = rows.find((r) => r.kind === 'camera');
    expect(firstCamera?.depth).toBe(3);
    expect(firstCamera?.kind === 'camera' && firstCamera.camera.gridId).toBe('r0z1g1');
  });

  // How fast flattening and search run on 26,000 cameras is the bench's
  // (`npx tsx tests/bench/camera-tree.ts`, docs/benchmarks.md), not a timed assertion here.
  it('flattens all 26,000 cameras fully expanded: every area and camera once', () => {
    const rows = flattenTree(tree, allAreaIds(tree));
    expect(rows).toHaveLength(areas.length + cameras.length);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });

  it('searches names and ids, case-insensitively, with paths', () => {
    const hits = searchTree(tree, '  market north ');
    expect(hits).toHaveLength(1);
    const hit = hits[0]!;
    expect(hit.kind === 'camera' && hit.camera.id).toBe('37088300001320004242');
    expect(hit.kind === 'camera' && hit.path).toEqual(pathOf(tree, cameras[4242]!));
    expect(searchTree(tree, '0004242')).toHaveLength(1);
    expect(searchTree(tree, '')).toEqual([]);
    expect(searchTree(tree, 'no such camera')).toEqual([]);
  });

  it('searches all 26,000 cameras: a common word finds every camera named with it', () => {
    const hits = searchTree(tree, '村口1');
    const named = cameras.filter((c) => c.name.includes('村口1'));
    expect(named.length).toBeGreaterThan(1000);
    expect(hits).toHaveLength(named.length);
  });

  it('knows a camera’s path, zone and ancestors', () => {
    const camera = cameras[0]!;
    expect(pathOf(tree, camera)).toEqual(['城区', '派出所1巡区', '网格1']);
    expect(zoneOf(tree, camera)?.name).toBe('派出所1巡区');
    expect(ancestorsOf(tree, camera)).toEqual(['r0z0g0', 'r0z0', 'r0']);
  });

  it('keeps bad data visible instead of dropping it', () => {
    const odd = buildCameraTree(
      [
        { id: 'z', name: 'orphan zone', level: 'zone', parentId: 'missing' },
        { id: 'loop1', name: 'loop 1', level: 'zone', parentId: 'loop2' },
        { id: 'loop2', name: 'loop 2', level: 'zone', parentId: 'loop1' },
      ],
      [{ ...cameras[0]!, id: 'lost', gridId: 'nowhere' }],
    );
    expect(odd.roots.map((a) => a.id)).toEqual(['z']);
    const rows = flattenTree(odd, new Set([UNASSIGNED_ID]));
    expect(rows.map((r) => r.key)).toEqual(['a:z', 'a:unassigned', 'c:lost']);
    expect(ancestorsOf(odd, odd.unassigned[0]!)).toEqual([UNASSIGNED_ID]);
  });
});
