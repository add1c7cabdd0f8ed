/**
 * Which tile a double-clicked camera goes to: the operator picks a target tile on a wall
 * miniature (default: wall 1, tile 0), and after each assignment the target moves to the next
 * tile, so double-clicking down a list fills a wall in order.
 */
import type { WallState } from '../../shared/api';

export interface WallTarget {
  wallId: number;
  tileIndex: number;
}

/** A wall's tile count: one tile per cell of its layout (merged cells are one tile). */
export const tileCount = (wall: WallState): number => wall.layout.cells.length;

/** The target if it still exists; else the first tile of wall 1 (or of the first wall). */
export function validTarget(
  walls: readonly WallState[],
  target: WallTarget | null,
): WallTarget | null {
  if (target) {
    const wall = walls.find((w) => w.wallId === target.wallId);
    if (wall && target.tileIndex >= 0 && target.tileIndex < tileCount(wall)) return target;
  }
  const first =
    walls.find((w) => w.wallId === 1 && tileCount(w) > 0) ?? walls.find((w) => tileCount(w) > 0);
  return first ? { wallId: first.wallId, tileIndex: 0 } : null;
}

/** The tile after `target` on the same wall, wrapping to its first tile. */
export function nextTarget(walls: readonly WallState[], target: WallTarget): WallTarget {
  const wall = walls.find((w) => w.wallId === target.wallId);
  const count = wall ? tileCount(wall) : 0;
  if (count === 0) return target;
  return { wallId: target.wallId, tileIndex: (target.tileIndex + 1) % count };
}

/** Replace one wall's state (from a `wall` event), keeping the list ordered by wall id. */
export function upsertWall(walls: readonly WallState[], next: WallState): WallState[] {
  const others = walls.filter((w) => w.wallId !== next.wallId);
  return [...others, next].sort((a, b) => a.wallId - b.wallId);
}

/** The camera id on each tile of a wall's grid (null for an empty or missing tile). */
export function tileCameras(wall: WallState): (string | null)[] {
  const cameras: (string | null)[] = Array.from({ length: tileCount(wall) }, () => null);
  for (const tile of wall.tiles) {
    if (tile.index >= 0 && tile.index < cameras.length) cameras[tile.index] = tile.cameraId;
  }
  return cameras;
}
