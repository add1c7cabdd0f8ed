import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraStatus, WallState } from '../../shared/api';
import type { GridLayout, LayoutChoice } from '../../shared/domain/layouts';
import type { VigilErrorData } from '../../shared/result';
import { useClient } from '../transport/use-client';
import type { CameraTree } from '../common/camera-tree';
import type { DraggedTile } from './tile-drag';
import { areaCameraIds } from './wall-group';
import { tileCount, type WallTarget } from '../common/wall-target';

export interface WallActions {
  setLayout(wallId: number, layout: LayoutChoice): Promise<void>;
  swap(from: DraggedTile, to: WallTarget): Promise<void>;
  /**
   * The first cameras of an area (online, then unknown; never offline) onto the target's wall
   * (as many as it has tiles).
   */
  sendArea(areaId: string): Promise<void>;
  identify(): Promise<void>;
  saveView(name: string): Promise<boolean>;
  loadView(name: string): Promise<void>;
  deleteView(name: string): Promise<void>;
  saveLayout(name: string, layout: GridLayout): Promise<boolean>;
}

/**
 * The desk's wall intents (layouts, swaps, groups, views, identify), each a call to the core with
 * its outcome told to the operator through `notify`. The walls change when the core says so.
 */
export function useWallActions(
  walls: readonly WallState[],
  target: WallTarget | null,
  tree: CameraTree | null | undefined,
  statuses: ReadonlyMap<string, CameraStatus>,
  notify: (text: string, error: boolean) => void,
): WallActions {
  const { t } = useTranslation();
  const client = useClient();
  const describe = useCallback(
    (error: VigilErrorData) => `${t(`errors.${error.code}`)} (${error.message})`,
    [t],
  );
  const wallName = useCallback((wallId: number) => t('walls.wall', { id: wallId }), [t]);

  const setLayout = useCallback(
    async (wallId: number, layout: LayoutChoice) => {
      const r = await client.call('wall.setLayout', { wallId, layout });
      if (!r.ok) return notify(t('walls.actionFailed', { message: describe(r.error) }), true);
      const label =
        layout.kind === 'preset'
          ? t('walls.layoutPreset', { count: Number(layout.id) })
          : layout.kind === 'saved'
            ? t('walls.layoutCustom', { name: layout.name })
            : layout.kind === 'map'
              ? t('map.wallLayout')
              : layout.kind === 'product'
                ? t('analysis.wall.layout')
                : t('walls.layoutInline');
      notify(t('walls.layoutSet', { wall: wallName(wallId), layout: label }), false);
    },
    [client, describe, notify, t, wallName],
  );

  const swap = useCallback(
    async (from: DraggedTile, to: WallTarget) => {
      const r = await client.call('wall.swap', { from, to });
      if (!r.ok) return notify(t('walls.actionFailed', { message: describe(r.error) }), true);
      const name = (x: WallTarget) => `${wallName(x.wallId)} #${x.tileIndex + 1}`;
      notify(t('walls.swapped', { a: name(from), b: name(to) }), false);
    },
    [client, describe, notify, t, wallName],
  );

  const sendArea = useCallback(
    async (areaId: string) => {
      const area = tree?.areas.get(areaId);
      const wall = walls.find((w) => w.wallId === (target?.wallId ?? 1)) ?? walls[0];
      if (!tree || !area || !wall) return;
      const ids = areaCameraIds(tree, areaId, statuses, tileCount(wall));
      if (ids.length === 0) return notify(t('walls.groupEmpty', { area: area.name }), true);
      const r = await client.call('wall.sendGroup', { wallId: wall.wallId, cameraIds: ids });
      if (!r.ok) return notify(t('walls.actionFailed', { message: describe(r.error) }), true);
      notify(
        t('walls.groupSent', {
          count: r.value.placed,
          area: area.name,
          wall: wallName(wall.wallId),
        }),
        false,
      );
    },
    [client, describe, notify, statuses, t, target, tree, wallName, walls],
  );

  const identify = useCallback(async () => {
    const r = await client.call('wall.identify', {});
    if (!r.ok) notify(t('walls.actionFailed', { message: describe(r.error) }), true);
  }, [client, describe, notify, t]);

  const saveView = useCallback(
    async (name: string) => {
      const r = await client.call('view.save', { name });
      if (!r.ok) {
        notify(t('view.failed', { message: describe(r.error) }), true);
        return false;
      }
      notify(t('view.saved', { name }), false);
      return true;
    },
    [client, describe, notify, t],
  );

  const loadView = useCallback(
    async (name: string) => {
      const r = await client.call('view.load', { name });
      if (!r.ok) return notify(t('view.failed', { message: describe(r.error) }), true);
      notify(t('view.loaded', { name }), false);
    },
    [client, describe, notify, t],
  );

  const deleteView = useCallback(
    async (name: string) => {
      const r = await client.call('view.delete', { name });
      if (!r.ok) return notify(t('view.failed', { message: describe(r.error) }), true);
      notify(t('view.deleted', { name }), false);
    },
    [client, describe, notify, t],
  );

  const saveLayout = useCallback(
    async (name: string, layout: GridLayout) => {
      const r = await client.call('layout.save', { name, layout });
      if (!r.ok) {
        notify(t('layout.failed', { message: describe(r.error) }), true);
        return false;
      }
      notify(t('layout.saved', { name }), false);
      return true;
    },
    [client, describe, notify, t],
  );

  return useMemo(
    () => ({ setLayout, swap, sendArea, identify, saveView, loadView, deleteView, saveLayout }),
    [setLayout, swap, sendArea, identify, saveView, loadView, deleteView, saveLayout],
  );
}
