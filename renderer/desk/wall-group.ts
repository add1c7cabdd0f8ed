/**
 * A camera group from the tree for `wall.sendGroup`: the first `limit` cameras under an area (a
 * region, zone or grid) that are not known to be offline, in tree order: online ones first, then
 * those of unknown status (a CSV catalog without MQTT has no other; unknown must not mean never
 * shown). Offline cameras are skipped. Pure.
 */
import type { CameraStatus } from '../../shared/api';
import type { CameraTree } from '../common/camera-tree';

export function areaCameraIds(
  tree: CameraTree,
  areaId: string,
  statuses: ReadonlyMap<string, CameraStatus>,
  limit: number,
): string[] {
  const online: string[] = [];
  const unknown: string[] = [];
  const visit = (id: string): void => {
    if (online.length >= limit) return;
    for (const camera of tree.camerasByGrid.get(id) ?? []) {
      if (online.length >= limit) return;
      const status = statuses.get(camera.id) ?? camera.status;
      if (status === 'online') online.push(camera.id);
      else if (status !== 'offline' && unknown.length < limit) unknown.push(camera.id);
    }
    for (const child of tree.children.get(id) ?? []) visit(child.id);
  };
  visit(areaId);
  return [...online, ...unknown].slice(0, Math.max(0, limit));
}
