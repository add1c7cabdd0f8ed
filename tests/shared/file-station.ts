/**
 * A whole station on a small catalog file, for tests that drive the real core (createStation,
 * SQLite in a temp folder) without a platform: one region, one zone, one grid, and the cameras
 * named. Several suites (walls, the map layout, the audit, the contract fuzz) share it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalog } from '../../shared/api';
import { parseConfig } from '../../electron/station/config';
import { createStation, type Station } from '../../electron/station';

export function smallCatalog(cameraIds: readonly string[]): Catalog {
  return {
    version: 'v1',
    areas: [
      { id: 'r1', name: '城区', level: 'region', parentId: null },
      { id: 'z1', name: '钢山派出所', level: 'zone', parentId: 'r1' },
      { id: 'g1', name: '钢山一网格', level: 'grid', parentId: 'z1' },
    ],
    cameras: cameraIds.map((id, i) => ({
      id,
      name: `摄像机 ${i}`,
      gridId: 'g1',
      kind: 'fixed' as const,
      lat: 35.4 + i / 1000,
      lng: 116.9,
      liveUrl: `http://127.0.0.1:1/live/${id}.m3u8`,
      status: 'online' as const,
    })),
  };
}

/** Writes the catalog next to the cache and starts a station on it with two walls. */
export async function startFileStation(
  dataDir: string,
  catalog: Catalog,
  log?: (line: string) => void,
): Promise<Station> {
  const file = join(dataDir, 'catalog.json');
  writeFileSync(file, JSON.stringify(catalog));
  return createStation({
    config: parseConfig({ platform: { kind: 'file', catalogFile: file }, walls: { count: 2 } }),
    dataDir,
    ...(log ? { log } : {}),
  });
}
