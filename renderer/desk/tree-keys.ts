/** The camera tree's arrow keys as plain data (CameraTree.tsx acts on them). */
import { UNASSIGNED_ID, type TreeRow } from '../common/camera-tree';

const areaIdOf = (row: TreeRow): string | null =>
  row.kind === 'area' ? row.area.id : row.kind === 'unassigned' ? UNASSIGNED_ID : null;

/**
 * Where a key moves the active row (its index), or what it opens or closes; null: not a tree
 * key. Pure: ↑/↓, Home/End, → (open, or go to the first child), ← (close, or go to the parent).
 */
export function treeKey(
  rows: readonly TreeRow[],
  index: number,
  key: string,
): { to: number } | { toggle: string } | null {
  const row = rows[index];
  if (!row) return rows.length > 0 && key.startsWith('Arrow') ? { to: 0 } : null;
  const last = rows.length - 1;
  switch (key) {
    case 'ArrowDown':
      return { to: Math.min(last, index + 1) };
    case 'ArrowUp':
      return { to: Math.max(0, index - 1) };
    case 'Home':
      return { to: 0 };
    case 'End':
      return { to: last };
    case 'ArrowRight': {
      const id = areaIdOf(row);
      if (id === null || row.kind === 'camera') return { to: index };
      if (!row.expanded) return { toggle: id };
      const next = rows[index + 1];
      return { to: next && next.depth > row.depth ? index + 1 : index };
    }
    case 'ArrowLeft': {
      const id = areaIdOf(row);
      if (id !== null && row.kind !== 'camera' && row.expanded) return { toggle: id };
      for (let i = index - 1; i >= 0; i--) {
        if ((rows[i] as TreeRow).depth < row.depth) return { to: i };
      }
      return { to: index };
    }
    default:
      return null;
  }
}
