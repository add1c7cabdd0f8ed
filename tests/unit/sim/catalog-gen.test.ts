import { describe, expect, it } from 'vitest';
import { CatalogSchema } from '../../../shared/api';
import { cameraKindCounts, generateCatalog } from '../../../electron/sim/catalog-gen';

const baseUrl = 'http://127.0.0.1:7480';

describe('generateCatalog', () => {
  const small = generateCatalog({ cameras: 500, seed: 7, baseUrl });

  it('passes the contract schema', () => {
    expect(() => CatalogSchema.parse({ version: 'v1', ...small })).not.toThrow();
  });

  it('has the area tree of FIELD.md: 3 regions, 24 zones, 48 grids', () => {
    const byLevel = (level: string) => small.areas.filter((a) => a.level === level);
    expect(byLevel('region').map((a) => a.name)).toEqual(['城区', '邹西', '邹东']);
    expect(byLevel('zone')).toHaveLength(24);
    expect(byLevel('grid')).toHaveLength(48);
    const ids = new Map(small.areas.map((a) => [a.id, a]));
    for (const zone of byLevel('zone')) {
      expect(zone.name).toMatch(/派出所$/);
      expect(ids.get(zone.parentId ?? '')?.level).toBe('region');
    }
    for (const grid of byLevel('grid')) expect(ids.get(grid.parentId ?? '')?.level).toBe('zone');
  });

  it('respects the camera count and has every kind', () => {
    expect(small.cameras).toHaveLength(500);
    const kinds = new Set(small.cameras.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['body', 'checkpoint', 'fixed', 'vehicle']);
  });

  it('gives unique 20-digit GB/T 28181 ids, grids that exist and stream URLs on the base', () => {
    const grids = new Set(small.areas.filter((a) => a.level === 'grid').map((a) => a.id));
    const ids = new Set<string>();
    for (const c of small.cameras) {
      expect(c.id).toMatch(/^37088300\d{12}$/);
      ids.add(c.id);
      expect(grids.has(c.gridId)).toBe(true);
      expect(c.liveUrl).toBe(`${baseUrl}/live/${c.id}/main.m3u8`);
      expect(c.subUrl).toBe(`${baseUrl}/live/${c.id}/sub.m3u8`);
      expect(c.playbackUrlTemplate).toBe(
        `${baseUrl}/playback/${c.id}.m3u8?start={start}&end={end}`,
      );
      expect(Math.abs(c.lat - 35.4)).toBeLessThan(0.3);
      expect(Math.abs(c.lng - 116.97)).toBeLessThan(0.3);
    }
    expect(ids.size).toBe(500);
  });

  it('names cameras as a county platform does', () => {
    const names = small.cameras.map((c) => c.name);
    expect(names.some((n) => /^.+与.+口[东西南北] \d{2}$/.test(n))).toBe(true);
    expect(names.every((n) => /\S \d{2}$/.test(n) || /图传/.test(n))).toBe(true);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    expect(generateCatalog({ cameras: 500, seed: 7, baseUrl })).toEqual(small);
    const other = generateCatalog({ cameras: 500, seed: 8, baseUrl });
    expect(other.cameras.map((c) => c.name)).not.toEqual(small.cameras.map((c) => c.name));
  });

  it('generates the full 26,000-camera county with the FIELD.md mix', () => {
    const full = generateCatalog({ baseUrl });
    expect(full.cameras).toHaveLength(26_000);
    expect(cameraKindCounts(26_000)).toEqual({
      fixed: 25_218,
      checkpoint: 670,
      vehicle: 28,
      body: 84,
    });
    const checkpoints = full.cameras.filter((c) => c.kind === 'checkpoint').length;
    expect(checkpoints).toBe(670);
    expect(new Set(full.cameras.map((c) => c.gridId)).size).toBe(48);
    expect(() => CatalogSchema.parse({ version: 'v', ...full })).not.toThrow();
  });
});
