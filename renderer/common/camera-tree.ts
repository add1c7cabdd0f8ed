/**
 * The camera tree (region > zone > grid > camera) as plain data, and the rows the virtualised
 * list draws: only the expanded part of the tree is flattened, so 26,000 cameras cost nothing
 * while their grid is closed. Search is a linear scan over precomputed lowercase keys, which for
 * 26,000 names is well under a frame.
 */
import type { Area, Camera } from '../../shared/api';

export interface CameraTree {
  areas: ReadonlyMap<string, Area>;
  /** Top-level areas: regions, and any area whose parent is missing from the catalog. */
  roots: readonly Area[];
  children: ReadonlyMap<string, readonly Area[]>;
  /** Cameras per grid id, in catalog order. */
  camerasByGrid: ReadonlyMap<string, readonly Camera[]>;
  /** Cameras whose grid is not in the catalog (shown under a group of their own). */
  unassigned: readonly Camera[];
  cameras: ReadonlyMap<string, Camera>;
  /** How many cameras are under each area (all levels below it). */
  counts: ReadonlyMap<string, number>;
  /** For search: "name\u0000id" lowercased, parallel to `searchOrder`. */
  searchKeys: readonly string[];
  searchOrder: readonly Camera[];
}

/** The pseudo-area that holds cameras without a known grid. */
export const UNASSIGNED_ID = '\u0000unassigned';

export function buildCameraTree(areas: readonly Area[], cameras: readonly Camera[]): CameraTree {
  const areaById = new Map<string, Area>();
  for (const area of areas) areaById.set(area.id, area);

  const children = new Map<string, Area[]>();
  const roots: Area[] = [];
  for (const area of areas) {
    const parent = area.parentId === null ? undefined : areaById.get(area.parentId);
    if (!parent || parent.id === area.id) {
      roots.push(area);
      continue;
    }
    const list = children.get(parent.id);
    if (list) list.push(area);
    else children.set(parent.id, [area]);
  }

  const camerasByGrid = new Map<string, Camera[]>();
  const unassigned: Camera[] = [];
  const cameraById = new Map<string, Camera>();
  for (const camera of cameras) {
    cameraById.set(camera.id, camera);
    if (!areaById.has(camera.gridId)) {
      unassigned.push(camera);
      continue;
    }
    const list = camerasByGrid.get(camera.gridId);
    if (list) list.push(camera);
    else camerasByGrid.set(camera.gridId, [camera]);
  }

  const counts = new Map<string, number>();
  const countUnder = (area: Area, seen: Set<string>): number => {
    const known = counts.get(area.id);
    if (known !== undefined) return known;
    if (seen.has(area.id)) return 0; // a cycle in bad data must not hang the desk
    seen.add(area.id);
    let total = camerasByGrid.get(area.id)?.length ?? 0;
    for (const child of children.get(area.id) ?? []) total += countUnder(child, seen);
    counts.set(area.id, total);
    return total;
  };
  for (const area of areas) countUnder(area, new Set());

  const searchOrder = [...cameras];
  const searchKeys = searchOrder.map((c) => `${c.name}\u0000${c.id}`.toLowerCase());

  return {
    areas: areaById,
    roots,
    children,
    camerasByGrid,
    unassigned,
    cameras: cameraById,
    counts,
    searchKeys,
    searchOrder,
  };
}

export type TreeRow =
  | {
      kind: 'area';
      key: string;
      depth: number;
      area: Area;
      expanded: boolean;
      count: number;
    }
  | { kind: 'unassigned'; key: string; depth: 0; expanded: boolean; count: number }
  | {
      kind: 'camera';
      key: string;
      depth: number;
      camera: Camera;
      /** Area names from region to grid, for search results. */
      path?: readonly string[];
    };

/** The visible rows for the expanded set: depth-first, areas before their cameras. */
export function flattenTree(tree: CameraTree, expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const visiting = new Set<string>();
  const visit = (area: Area, depth: number): void => {
    if (visiting.has(area.id)) return;
    visiting.add(area.id);
    const isOpen = expanded.has(area.id);
    rows.push({
      kind: 'area',
      key: `a:${area.id}`,
      depth,
      area,
      expanded: isOpen,
      count: tree.counts.get(area.id) ?? 0,
    });
    if (isOpen) {
      for (const child of tree.children.get(area.id) ?? []) visit(child, depth + 1);
      for (const camera of tree.camerasByGrid.get(area.id) ?? []) {
        rows.push({ kind: 'camera', key: `c:${camera.id}`, depth: depth + 1, camera });
      }
    }
    visiting.delete(area.id);
  };
  for (const root of tree.roots) visit(root, 0);
  if (tree.unassigned.length > 0) {
    const isOpen = expanded.has(UNASSIGNED_ID);
    rows.push({
      kind: 'unassigned',
      key: 'a:unassigned',
      depth: 0,
      expanded: isOpen,
      count: tree.unassigned.length,
    });
    if (isOpen) {
      for (const camera of tree.unassigned) {
        rows.push({ kind: 'camera', key: `c:${camera.id}`, depth: 1, camera });
      }
    }
  }
  return rows;
}

/** Region > zone > grid names of a camera's grid (empty for an unassigned camera). */
export function pathOf(tree: CameraTree, camera: Camera): string[] {
  const names: string[] = [];
  const seen = new Set<string>();
  let area = tree.areas.get(camera.gridId);
  while (area && !seen.has(area.id)) {
    seen.add(area.id);
    names.unshift(area.name);
    area = area.parentId === null ? undefined : tree.areas.get(area.parentId);
  }
  return names;
}

/** The zone (or nearest named area) a camera belongs to, for the wall's tile label. */
export function zoneOf(tree: CameraTree, camera: Camera): Area | undefined {
  let area = tree.areas.get(camera.gridId);
  const seen = new Set<string>();
  while (area && area.level !== 'zone' && area.parentId !== null && !seen.has(area.id)) {
    seen.add(area.id);
    const parent = tree.areas.get(area.parentId);
    if (!parent) break;
    area = parent;
  }
  return area;
}

export function normaliseQuery(query: string): string {
  return query.trim().toLowerCase();
}

/** Cameras whose name or id contains the query (case-insensitive), as rows with their path. */
export function searchTree(tree: CameraTree, query: string): TreeRow[] {
  const needle = normaliseQuery(query);
  if (needle === '') return [];
  const rows: TreeRow[] = [];
  const keys = tree.searchKeys;
  for (let i = 0; i < keys.length; i++) {
    if (!keys[i]!.includes(needle)) continue;
    const camera = tree.searchOrder[i]!;
    rows.push({
      kind: 'camera',
      key: `s:${camera.id}`,
      depth: 0,
      camera,
      path: pathOf(tree, camera),
    });
  }
  return rows;
}

/** Every area id (for "expand all"). */
export function allAreaIds(tree: CameraTree): Set<string> {
  const ids = new Set(tree.areas.keys());
  if (tree.unassigned.length > 0) ids.add(UNASSIGNED_ID);
  return ids;
}

/** The areas to open so a camera's row is visible (its grid and all above it). */
export function ancestorsOf(tree: CameraTree, camera: Camera): string[] {
  const ids: string[] = [];
  const seen = new Set<string>();
  let area = tree.areas.get(camera.gridId);
  if (!area) return [UNASSIGNED_ID];
  while (area && !seen.has(area.id)) {
    seen.add(area.id);
    ids.push(area.id);
    area = area.parentId === null ? undefined : tree.areas.get(area.parentId);
  }
  return ids;
}
