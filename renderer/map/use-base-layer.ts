/**
 * The base map's tile layer from `map.tileInfo`, and the first view (the district), unless the
 * map was already moved (a unit card, a track, the operator) before `map.tileInfo` answered: a
 * late answer must not throw the operator's view back to the district.
 */
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { TileInfo } from '../../shared/contract/map';
import { absoluteTileUrl } from './map-style';

export function useBaseLayer(
  map: L.Map | null,
  tileInfo: TileInfo | undefined,
  onLayer: (layer: L.TileLayer | null) => void,
): void {
  const placed = useRef(false);
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
    }).addTo(map);
    onLayer(layer);
    return () => {
      onLayer(null);
      layer.remove();
    };
  }, [map, tileInfo, onLayer]);
}
