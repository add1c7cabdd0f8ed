/**
 * What the map needs once: the base layer's tile info and the district's geometry (areas,
 * must-patrol lines, must-reach points, posts). Both are cache-first in the core; a failure is
 * retried, and the map draws whatever has arrived.
 */
import { useEffect, useState } from 'react';
import type { MapGeometry, TileInfo } from '../../shared/contract/map';
import { useClient } from '../transport/use-client';

export interface MapSetup {
  tileInfo: TileInfo | undefined;
  geometry: MapGeometry | undefined;
}

export function useMapSetup(): MapSetup {
  const client = useClient();
  const [tileInfo, setTileInfo] = useState<TileInfo | undefined>(undefined);
  const [geometry, setGeometry] = useState<MapGeometry | undefined>(undefined);

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const load = async (): Promise<void> => {
      const [info, geo] = await Promise.all([
        client.call('map.tileInfo', {}),
        client.call('map.geometry', {}),
      ]);
      if (!alive) return;
      if (info.ok) setTileInfo(info.value);
      if (geo.ok) setGeometry(geo.value);
      if (!info.ok || !geo.ok) timer = setTimeout(() => void load(), 3_000);
    };
    void load();
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
    };
  }, [client]);

  return { tileInfo, geometry };
}
