/**
 * A camera group from the tree for `wall.sendGroup`: the first `limit` online cameras under an
 * area (a region, zone or grid), in tree order. Pure.
 */
import type { CameraStatus } from '../../shared/api';
import type { CameraTree } from './camera-tree';

export function areaCameraIds(
  tree: CameraTree,
  areaId: string,
  statuses: ReadonlyMap<string, CameraStatus>,
  limit: number,
): string[] {
  const picked: string[] = [];
  const visit = (id: string): void => {
    if (picked.length >= limit) return;
    for (const camera of tree.camerasByGrid.get(id) ?? []) {
      if (picked.length >= limit) return;
      if ((statuses.get(camera.id) ?? camera.status) === 'online') picked.push(camera.id);
    }
    for (const child of tree.children.get(id) ?? []) visit(child.id);
  };
  visit(areaId);
  return picked;
}
