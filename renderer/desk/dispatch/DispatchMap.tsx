/**
 * The Dispatch tab's map: the desk's map (MapPane: base map, cameras, units, areas) without its
 * side panel, with the dispatch layers over it: incidents by level and age, the chosen units'
 * routes, the cordon, the place being picked for a new incident, and a point to centre on.
 */
import type L from 'leaflet';
import { useCallback, useMemo } from 'react';
import type { Camera } from '../../../shared/api';
import type { Incident, Route } from '../../../shared/contract/dispatch';
import { haversineM } from '../../../shared/domain/geo/distance';
import { MapPane, type MapPaneProps } from '../../map/MapPane';
import {
  unplacer,
  useCentreOn,
  useCordonLayer,
  useFollowSize,
  usePickPlace,
  useRouteLayer,
  type CordonDrawing,
} from '../../map/use-dispatch-overlays';
import { useIncidentLayers } from '../../map/use-incident-layers';

type Place = (lat: number, lng: number) => [number, number];

/** A click this close to a camera names the camera (metres). */
const CAMERA_PICK_M = 60;

export interface DispatchMapLayers {
  incidents: readonly Incident[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  flashing: ReadonlySet<string>;
  now: number;
  routes: readonly Route[];
  cordon: CordonDrawing | null;
  picking: boolean;
  picked: { lat: number; lng: number } | null;
  onPick: (place: { lat: number; lng: number }, cameraId: string | null) => void;
  /** A point to show, at `zoom` when given (a reinforcement level's), else close enough to see. */
  centre: { lat: number; lng: number; zoom?: number; nonce: number } | null;
}

function Layers({
  map,
  place,
  layers,
  cameras,
}: {
  map: L.Map;
  place: Place;
  layers: DispatchMapLayers;
  cameras: ReadonlyMap<string, Camera> | undefined;
}) {
  const unplace = useMemo(() => unplacer(place), [place]);
  const { onPick } = layers;
  const pick = useCallback(
    (lat: number, lng: number) => {
      let best: Camera | null = null;
      let bestM = CAMERA_PICK_M;
      for (const camera of cameras?.values() ?? []) {
        if (Math.abs(camera.lat - lat) > 0.001 || Math.abs(camera.lng - lng) > 0.001) continue;
        const m = haversineM(camera, { lat, lng });
        if (m < bestM) {
          best = camera;
          bestM = m;
        }
      }
      onPick(best ? { lat: best.lat, lng: best.lng } : { lat, lng }, best?.id ?? null);
    },
    [cameras, onPick],
  );
  useIncidentLayers(
    map,
    layers.incidents,
    layers.selectedId,
    layers.flashing,
    layers.now,
    place,
    layers.onSelect,
  );
  useRouteLayer(map, layers.routes, place);
  useCordonLayer(map, layers.cordon, place);
  usePickPlace(map, layers.picking, layers.picked, place, unplace, pick);
  useCentreOn(map, layers.centre, place);
  useFollowSize(map);
  return null;
}

export function DispatchMap({
  pane,
  layers,
  visible,
}: {
  pane: MapPaneProps;
  layers: DispatchMapLayers;
  visible: boolean;
}) {
  return (
    <MapPane
      {...pane}
      visible={visible}
      bare
      overlay={(map, place) => (
        <Layers map={map} place={place} layers={layers} cameras={pane.cameras} />
      )}
    />
  );
}
