/**
 * A synthetic road graph for benches and tests: a perturbed grid of streets (35 km/h) with an
 * arterial every `arterialEvery` rows and columns (60 km/h), some streets one-way (alternating
 * direction, as a city's paired one-ways are), and a few streets missing (blocks, rivers), so
 * the straight line and the road disagree the way they do in a real county.
 */
import type { RoadGraphWire } from '../../contract/roads';

export interface SyntheticOptions {
  rows: number;
  cols: number;
  /** Spacing between grid lines, metres. */
  spacingM?: number;
  origin?: { lat: number; lng: number };
  arterialEvery?: number;
  /** Share of street edges dropped (0-1). */
  missing?: number;
  /** Share of streets (whole rows/columns) made one-way. */
  oneway?: number;
  seed?: number;
}

export function syntheticRoadGraph(options: SyntheticOptions): RoadGraphWire {
  const { rows, cols } = options;
  const spacing = options.spacingM ?? 200;
  const origin = options.origin ?? { lat: 35.4, lng: 116.9 };
  const every = options.arterialEvery ?? 8;
  const missing = options.missing ?? 0.08;
  const onewayShare = options.oneway ?? 0.15;
  let s = (options.seed ?? 1) >>> 0;
  const rand = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const dLat = spacing / 111_195;
  const dLng = spacing / (111_195 * Math.cos((origin.lat * Math.PI) / 180));
  const nodes: [number, number][] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      // Jitter up to 30 % of a block so streets are not ruler-straight.
      nodes.push([
        origin.lng + (c + (rand() - 0.5) * 0.6) * dLng,
        origin.lat + (r + (rand() - 0.5) * 0.6) * dLat,
      ]);
    }
  }
  const rowOneway = Array.from({ length: rows }, () => rand() < onewayShare);
  const colOneway = Array.from({ length: cols }, () => rand() < onewayShare);
  const edges: [number, number, number, 0 | 1][] = [];
  const names: string[] = [];
  const kinds: ('arterial' | 'street')[] = [];
  const add = (a: number, b: number, arterial: boolean, oneway: boolean, name: string): void => {
    if (!arterial && rand() < missing) return;
    edges.push([a, b, arterial ? 60 : 35, oneway && !arterial ? 1 : 0]);
    names.push(name);
    kinds.push(arterial ? 'arterial' : 'street');
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      if (c + 1 < cols) {
        // Paired one-ways: even rows run east, odd rows west.
        const [a, b] = r % 2 === 0 ? [i, i + 1] : [i + 1, i];
        add(a, b, r % every === 0, rowOneway[r] as boolean, `纬${r}路`);
      }
      if (r + 1 < rows) {
        const [a, b] = c % 2 === 0 ? [i, i + cols] : [i + cols, i];
        add(a, b, c % every === 0, colOneway[c] as boolean, `经${c}路`);
      }
    }
  }
  return {
    version: `synthetic-${rows}x${cols}-${options.seed ?? 1}`,
    source: 'synthetic',
    nodes,
    edges,
    names,
    kinds,
  };
}
