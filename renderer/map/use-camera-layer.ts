/**
 * The cameras' canvas layer on the map, fed from the catalog and live statuses. The number of
 * cameras the layer holds is written to the map container as `data-camera-count` (and those in
 * view as `data-camera-visible`, their dots' radius as `data-camera-radius`), so a test compares
 * it with the catalog through the contract. `scale` draws the dots larger (a wall: WALL_DOT_SCALE).
 */
import type L from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import type { Camera, CameraStatus } from '../../shared/api';
import type { HealthMark } from '../../shared/contract/health';
import { CameraCanvasLayer, type CameraLayerEvents } from './camera-layer';

export function useCameraLayer(
  map: L.Map | null,
  cameras: ReadonlyMap<string, Camera> | undefined,
  statuses: ReadonlyMap<string, CameraStatus>,
  place: (lat: number, lng: number) => [number, number],
  events: CameraLayerEvents,
  onLayer: (layer: CameraCanvasLayer | null) => void,
  scale = 1,
  health?: ReadonlyMap<string, HealthMark>,
): void {
  const list = useMemo(() => (cameras ? [...cameras.values()] : []), [cameras]);
  const layerRef = useRef<CameraCanvasLayer | null>(null);
  const eventsRef = useRef(events);
  useEffect(() => {
    eventsRef.current = events;
  }, [events]);

  useEffect(() => {
    if (!map) return;
    const layer = new CameraCanvasLayer('cameras', {
      onHover: (camera, at) => eventsRef.current.onHover(camera, at),
      onClick: (camera, at) => eventsRef.current.onClick(camera, at),
    });
    const container = map.getContainer();
    const onDrawn = (): void => {
      container.dataset.cameraCount = String(layer.count);
      container.dataset.cameraVisible = String(layer.drawnInView);
      container.dataset.cameraDrawMs = layer.lastDrawMs.toFixed(1);
      container.dataset.cameraRadius = layer.radiusPx.toFixed(1);
    };
    layer.on('drawn', onDrawn);
    layer.addTo(map);
    layerRef.current = layer;
    onLayer(layer);
    return () => {
      layerRef.current = null;
      onLayer(null);
      layer.off('drawn', onDrawn);
      layer.remove();
    };
  }, [map, onLayer]);

  useEffect(() => {
    layerRef.current?.setData(list, statuses, place, health);
  }, [map, list, statuses, place, health]);

  useEffect(() => {
    layerRef.current?.setScale(scale);
  }, [map, scale]);
}
