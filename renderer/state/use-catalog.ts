/**
 * The catalog as the desk and the walls use it: the tree built once per catalog version, plus
 * live camera statuses from `camera.status` events laid over it (so a status change re-renders
 * one row, not 26,000 cameras' worth of tree).
 */
import { useEffect, useMemo, useState } from 'react';
import type { CameraStatus, Catalog, EventPayloads, LinkState } from '../../shared/api';
import { buildCameraTree, type CameraTree } from '../common/camera-tree';
import type { VigilClient } from '../transport/client';
import type { ClientError } from '../transport/client-error';
import { useClient } from '../transport/use-client';
import { RELOAD, useSyncedState } from '../transport/use-synced-state';

type CatalogAnswer = Catalog & { source: LinkState['catalogSource'] };

const loadCatalog = (client: VigilClient): Promise<CatalogAnswer> => client.get('catalog.get', {});

const applyCatalogEvent = (
  state: CatalogAnswer,
  payload: EventPayloads['catalog'],
): CatalogAnswer | typeof RELOAD =>
  payload.version === state.version ? { ...state, source: payload.source } : RELOAD;

export interface CatalogView {
  tree: CameraTree | undefined;
  version: string | undefined;
  source: LinkState['catalogSource'] | undefined;
  error: ClientError | null;
  /** Live status overrides from events since the catalog was fetched. */
  statuses: ReadonlyMap<string, CameraStatus>;
}

export function useCatalog(): CatalogView {
  const client = useClient();
  const { value, error } = useSyncedState('catalog', loadCatalog, applyCatalogEvent);
  const [statuses, setStatuses] = useState<ReadonlyMap<string, CameraStatus>>(() => new Map());

  const areas = value?.areas;
  const cameras = value?.cameras;
  const tree = useMemo(
    () => (areas && cameras ? buildCameraTree(areas, cameras) : undefined),
    [areas, cameras],
  );

  useEffect(
    () =>
      client.subscribe('camera.status', {
        onEvent: ({ cameraId, status }) =>
          setStatuses((previous) => {
            if (previous.get(cameraId) === status) return previous;
            const next = new Map(previous);
            next.set(cameraId, status);
            return next;
          }),
        // Missed status changes: the next catalog fetch carries current statuses; until then
        // the overrides we have are still the newest we know.
        onReset: () => {},
      }),
    [client],
  );

  return { tree, version: value?.version, source: value?.source, error, statuses };
}

export function statusOf(
  view: Pick<CatalogView, 'statuses'>,
  camera: { id: string; status: CameraStatus },
): CameraStatus {
  return view.statuses.get(camera.id) ?? camera.status;
}
