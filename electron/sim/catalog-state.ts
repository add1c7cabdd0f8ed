/**
 * The platform's current catalog: the generated cameras with their live status applied, a version
 * that changes whenever the body does (it is the HTTP ETag), and the serialised body cached per
 * version (26,000 cameras are about 10 MB of JSON, gzip about 1 MB).
 */
import { gzipSync } from 'node:zlib';
import type { Area, Camera, Catalog } from '../../shared/api';
import { fnv1a } from './prng';

export interface CatalogState {
  readonly areas: readonly Area[];
  has(cameraId: string): boolean;
  camera(cameraId: string): Camera | undefined;
  cameraIds(): string[];
  /** Sets a camera's status; returns true when it changed (and so did the version). */
  setStatus(cameraId: string, status: Camera['status']): boolean;
  version(): string;
  snapshot(): Catalog;
  /** The JSON body of the current version, plain and gzipped. */
  body(): { json: Buffer; gzip: () => Buffer };
}

export function createCatalogState(
  areas: Area[],
  cameras: Camera[],
  identity: { seed: number; baseUrl: string },
): CatalogState {
  const byId = new Map(cameras.map((c) => [c.id, { ...c }]));
  const notOnline = new Map<string, Camera['status']>();
  for (const c of byId.values()) if (c.status !== 'online') notOnline.set(c.id, c.status);
  const stem = `sim-${identity.seed}-${cameras.length}-${fnv1a(identity.baseUrl)}`;
  let revision = 1;
  let cached: { version: string; json: Buffer; gzip: Buffer | null } | null = null;

  // The revision counts changes in this run; the hash of the status set makes the version differ
  // from another run's at the same revision with different cameras offline.
  const version = (): string => {
    const statuses = [...notOnline.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([id, s]) => `${id}:${s}`)
      .join(',');
    return `${stem}#${revision}-${fnv1a(statuses)}`;
  };
  let currentVersion = version();

  const snapshot = (): Catalog => ({
    version: currentVersion,
    areas: [...areas],
    cameras: [...byId.values()].map((c) => ({ ...c })),
  });

  return {
    areas,
    has: (id) => byId.has(id),
    camera: (id) => {
      const c = byId.get(id);
      return c ? { ...c } : undefined;
    },
    cameraIds: () => [...byId.keys()],
    setStatus(id, status) {
      const camera = byId.get(id);
      if (!camera || camera.status === status) return false;
      camera.status = status;
      if (status === 'online') notOnline.delete(id);
      else notOnline.set(id, status);
      revision += 1;
      currentVersion = version();
      return true;
    },
    version: () => currentVersion,
    snapshot,
    body() {
      if (!cached || cached.version !== currentVersion) {
        const body: Catalog = { version: currentVersion, areas, cameras: [...byId.values()] };
        cached = { version: currentVersion, json: Buffer.from(JSON.stringify(body)), gzip: null };
      }
      const entry = cached;
      return {
        json: entry.json,
        gzip: () => (entry.gzip ??= gzipSync(entry.json, { level: 6 })),
      };
    },
  };
}
