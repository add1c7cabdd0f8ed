/**
 * The base map's tile layer from `map.tileInfo`, and the first view (the district), unless the
 * map was already moved (a unit card, a track, the operator) before `map.tileInfo` answered: a
 * late answer must not throw the operator's view back to the district.
 *
 * A tile that fails is fetched again with backoff (tile-retry.ts), and all of them at once when
 * the browser says the network is back; the layer's state (loading, retrying, failed) is returned
 * for the map to show, with `retryNow` for the operator.
 */
import L from 'leaflet';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TileInfo } from '../../shared/contract/map';
import { absoluteTileUrl } from './map-style';
import { TileRetry, type BaseLayerState } from './tile-retry';

export interface BaseLayerView extends BaseLayerState {
  retryNow: () => void;
}

const noLayer: BaseLayerState = {
  status: 'none',
  retrying: 0,
  failed: 0,
  recovered: 0,
  lastFailedUrl: null,
};

export function useBaseLayer(
  map: L.Map | null,
  tileInfo: TileInfo | undefined,
  onLayer: (layer: L.TileLayer | null) => void,
): BaseLayerView {
  const placed = useRef(false);
  const [state, setState] = useState<BaseLayerState>(noLayer);
  const retry = useRef<TileRetry | null>(null);
  useEffect(() => {
    if (!map) return;
    const moved = (): void => {
      placed.current = true;
    };
    // Zoom or drag, not any move: a resize pans the map (invalidateSize) without anyone moving it.
    map.on('zoomstart dragstart', moved);
    return () => {
      map.off('zoomstart dragstart', moved);
    };
  }, [map]);
  useEffect(() => {
    if (!map || !tileInfo) return;
    map.setMinZoom(tileInfo.minZoom);
    map.setMaxZoom(Math.max(tileInfo.maxZoom, 18));
    if (!placed.current) {
      placed.current = true;
      map.setView([tileInfo.center.lat, tileInfo.center.lng], tileInfo.zoom, { animate: false });
    }
    if (!tileInfo.available) {
      onLayer(null);
      return;
    }
    const layer = L.tileLayer(absoluteTileUrl(tileInfo.urlTemplate, window.location.href), {
      minZoom: tileInfo.minZoom,
      maxZoom: Math.max(tileInfo.maxZoom, 18),
      maxNativeZoom: tileInfo.maxZoom,
      tileSize: tileInfo.tileSize,
      attribution: tileInfo.attribution,
      className: 'vigil-base-tiles',
    });
    const retries = new TileRetry({ onState: setState });
    retry.current = retries;
    const tileOf = (event: L.LeafletEvent): HTMLImageElement | null => {
      const { tile } = event as L.TileEvent;
      return tile instanceof HTMLImageElement ? tile : null;
    };
    layer.on({
      loading: () => retries.startLoading(),
      load: () => retries.doneLoading(),
      tileerror: (event) => {
        const tile = tileOf(event);
        if (tile) retries.error(tile);
      },
      tileload: (event) => {
        const tile = tileOf(event);
        if (tile) retries.loaded(tile);
      },
      tileunload: (event) => {
        const tile = tileOf(event);
        if (tile) retries.unloaded(tile);
      },
    });
    const online = (): void => retries.retryNow();
    window.addEventListener('online', online);
    layer.addTo(map);
    onLayer(layer);
    return () => {
      window.removeEventListener('online', online);
      retries.dispose();
      retry.current = null;
      onLayer(null);
      layer.remove();
      setState(noLayer);
    };
  }, [map, tileInfo, onLayer]);
  const retryNow = useCallback(() => retry.current?.retryNow(), []);
  return { ...state, retryNow };
}
