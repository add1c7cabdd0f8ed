/**
 * What the Dispatch tab draws over the map besides incidents (issue #13 items 4 and 7): the road
 * routes of the chosen units, the cordon (the area the suspect may have reached, its exits
 * coloured by whether a unit gets there first, a line from each assigned unit to its exit), a
 * place being picked for a new incident, and a point to centre on (a unit chosen on the board).
 */
import L from 'leaflet';
import { useEffect } from 'react';
import type { CordonPlan, Route } from '../../shared/contract/dispatch';
import { toLatLngs } from '../../shared/contract/map';
import { formatEta } from '../desk/dispatch/dispatch-model';
import { escapeHtml } from './html-text';

type Place = (lat: number, lng: number) => [number, number];

const ROUTE_COLOURS = ['#35e0a0', '#f2c14e', '#c58af0', '#4fb3f0', '#f08a24'];

export function useRouteLayer(map: L.Map, routes: readonly Route[], place: Place): void {
  useEffect(() => {
    if (routes.length === 0) return;
    const group = L.layerGroup().addTo(map);
    routes.forEach((route, index) => {
      const colour = ROUTE_COLOURS[index % ROUTE_COLOURS.length]!;
      const line = toLatLngs(route.line).map(([lat, lng]) => place(lat, lng));
      L.polyline(line, {
        color: '#0b1016',
        weight: 8,
        opacity: 0.7,
        interactive: false,
        pane: 'tracks',
      }).addTo(group);
      L.polyline(line, {
        color: colour,
        weight: 4,
        opacity: 0.95,
        pane: 'tracks',
        className: 'dispatch-route',
      })
        .bindTooltip(
          escapeHtml(`${formatEta(route.etaS)} · ${(route.roadM / 1000).toFixed(1)} km`),
          { sticky: true, className: 'map-tooltip' },
        )
        .addTo(group);
    });
    map.getContainer().dataset.routeCount = String(routes.length);
    return () => {
      delete map.getContainer().dataset.routeCount;
      group.remove();
    };
  }, [map, routes, place]);
}

export interface CordonDrawing {
  plan: CordonPlan;
  /** exitId → the unit's current position, for the assigned ones. */
  assigned: ReadonlyMap<string, { lat: number; lng: number; callSign: string }>;
}

export function useCordonLayer(map: L.Map, drawing: CordonDrawing | null, place: Place): void {
  useEffect(() => {
    if (!drawing) return;
    const { plan, assigned } = drawing;
    const group = L.layerGroup().addTo(map);
    L.polygon(
      toLatLngs(plan.area).map(([lat, lng]) => place(lat, lng)),
      {
        color: '#e5534b',
        weight: 2,
        dashArray: '6 4',
        fillColor: '#e5534b',
        fillOpacity: 0.08,
        interactive: false,
        className: 'cordon-area',
      },
    ).addTo(group);
    for (const exit of plan.exits) {
      const beaten = exit.units.some((u) => u.beats);
      const unit = assigned.get(exit.id);
      L.marker(place(exit.lat, exit.lng), {
        pane: 'incidents',
        icon: L.divIcon({
          className: `cordon-exit ${unit ? 'cordon-exit-held' : beaten ? 'cordon-exit-can' : 'cordon-exit-open'}`,
          html: `<span>${escapeHtml(unit ? unit.callSign : '出')}</span>`,
          iconSize: [18, 18],
          iconAnchor: [9, 9],
        }),
        title: `${exit.road} · ${formatEta(exit.suspectEtaS)}`,
        keyboard: false,
      }).addTo(group);
      if (unit) {
        L.polyline([place(unit.lat, unit.lng), place(exit.lat, exit.lng)], {
          color: '#35b56f',
          weight: 2,
          dashArray: '3 5',
          interactive: false,
          pane: 'tracks',
        }).addTo(group);
      }
    }
    map.getContainer().dataset.cordonExits = String(plan.exits.length);
    return () => {
      delete map.getContainer().dataset.cordonExits;
      group.remove();
    };
  }, [map, drawing, place]);
}

/** A place being picked for a new incident: a cross-hair cursor, the click, and its marker. */
export function usePickPlace(
  map: L.Map,
  picking: boolean,
  picked: { lat: number; lng: number } | null,
  place: Place,
  unplace: Place,
  onPick: (lat: number, lng: number) => void,
): void {
  useEffect(() => {
    if (!picking) return;
    const container = map.getContainer();
    container.classList.add('dispatch-picking');
    const onClick = (event: L.LeafletMouseEvent): void => {
      const [lat, lng] = unplace(event.latlng.lat, event.latlng.lng);
      onPick(lat, lng);
    };
    map.on('click', onClick);
    return () => {
      container.classList.remove('dispatch-picking');
      map.off('click', onClick);
    };
  }, [map, picking, unplace, onPick]);
  useEffect(() => {
    if (!picked) return;
    const marker = L.marker(place(picked.lat, picked.lng), {
      pane: 'incidents',
      icon: L.divIcon({
        className: 'incident-icon incident-picked',
        html: '<span class="incident-dot">+</span>',
        iconSize: [22, 22],
        iconAnchor: [11, 11],
      }),
      interactive: false,
    }).addTo(map);
    return () => {
      marker.remove();
    };
  }, [map, picked, place]);
}

/** Centres the map on a point when asked (`nonce` changes), e.g. a unit chosen on the board. */
export function useCentreOn(
  map: L.Map,
  target: { lat: number; lng: number; nonce: number } | null,
  place: Place,
): void {
  useEffect(() => {
    if (!target) return;
    map.setView(place(target.lat, target.lng), Math.max(map.getZoom(), 15));
  }, [map, target, place]);
}

/** The inverse of a datum shift by fixed-point iteration (three steps are well under a metre). */
export function unplacer(place: Place): Place {
  return (lat, lng) => {
    let guess: [number, number] = [lat, lng];
    for (let i = 0; i < 3; i++) {
      const [plat, plng] = place(guess[0], guess[1]);
      guess = [guess[0] + (lat - plat), guess[1] + (lng - plng)];
    }
    return guess;
  };
}

/** Leaflet measures its container once: re-measure when the tab's columns change its size. */
export function useFollowSize(map: L.Map): void {
  useEffect(() => {
    const observer = new ResizeObserver(() => map.invalidateSize());
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map]);
}
