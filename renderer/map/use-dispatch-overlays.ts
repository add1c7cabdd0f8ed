/**
 * What the Dispatch tab draws over the map besides incidents (issue #13 items 4 and 7): the road
 * routes of the chosen units, the cordon (where the suspect may be now, faint and dashed; the ring
 * to close, solid; its exits coloured by whether a unit gets there first, a line from each
 * assigned unit to its exit), a place being picked for a new incident, and a point to centre on
 * (a unit chosen on the board).
 */
import L from 'leaflet';
import { useEffect, useRef } from 'react';
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
    // A route that leaves the view is shown whole (the chief chose the unit to see its way).
    const bounds = L.latLngBounds(
      routes.flatMap((r) => toLatLngs(r.line).map(([lat, lng]) => place(lat, lng))),
    );
    if (bounds.isValid() && !map.getBounds().contains(bounds))
      map.fitBounds(bounds, { padding: [30, 30], maxZoom: 16 });
    map.getContainer().dataset.routeCount = String(routes.length);
    return () => {
      delete map.getContainer().dataset.routeCount;
      group.remove();
    };
  }, [map, routes, place]);
}

export interface CordonDrawing {
  plan: CordonPlan;
  /** Words on the map, in the desk's language: an exit's glyph (出). */
  words: { exit: string };
  /** exitId → the unit's current position, for the assigned ones. */
  assigned: ReadonlyMap<string, { lat: number; lng: number; callSign: string }>;
}

export function useCordonLayer(map: L.Map, drawing: CordonDrawing | null, place: Place): void {
  // A new plan: the map shows its whole ring and exits (the drawing changes with every unit's
  // move, the plan only when planned again).
  const plan = drawing?.plan ?? null;
  useEffect(() => {
    if (!plan) return;
    const bounds = L.latLngBounds(
      [...toLatLngs(plan.area), ...plan.exits.map((e): [number, number] => [e.lat, e.lng])].map(
        ([lat, lng]) => place(lat, lng),
      ),
    );
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 16 });
  }, [map, plan, place]);
  useEffect(() => {
    if (!drawing) return;
    const { plan, assigned } = drawing;
    const { words } = drawing;
    const group = L.layerGroup().addTo(map);
    // Where the suspect may be now: faint and dashed, under the ring.
    L.polygon(
      toLatLngs(plan.nowArea).map(([lat, lng]) => place(lat, lng)),
      {
        color: '#f2c14e',
        weight: 1.5,
        opacity: 0.8,
        dashArray: '4 5',
        fillColor: '#f2c14e',
        fillOpacity: 0.07,
        interactive: false,
        className: 'cordon-now',
      },
    ).addTo(group);
    // The ring to close (reachable within the horizon): the cordon line, solid, on a dark casing,
    // drawn over the unit and camera markers (a pane of its own that takes no clicks) so it
    // reads across a dense city; the legend beside the map names it.
    if (!map.getPane('cordon')) {
      const pane = map.createPane('cordon');
      pane.style.zIndex = '630';
      pane.style.pointerEvents = 'none';
    }
    const ring = toLatLngs(plan.area).map(([lat, lng]) => place(lat, lng));
    L.polygon(ring, {
      color: '#0b1016',
      weight: 7,
      opacity: 0.75,
      fill: false,
      interactive: false,
      pane: 'cordon',
    }).addTo(group);
    L.polygon(ring, {
      color: '#ff5a52',
      weight: 3,
      opacity: 0.95,
      fill: false,
      interactive: false,
      pane: 'cordon',
      className: 'cordon-area',
    }).addTo(group);
    for (const exit of plan.exits) {
      const beaten = exit.units.some((u) => u.beats);
      const unit = assigned.get(exit.id);
      L.marker(place(exit.lat, exit.lng), {
        pane: 'incidents',
        icon: L.divIcon({
          className: `cordon-exit ${unit ? 'cordon-exit-held' : beaten ? 'cordon-exit-can' : 'cordon-exit-open'}`,
          html: `<span>${escapeHtml(unit ? unit.callSign : words.exit)}</span>`,
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
  // The click that picks a camera's place also opens the camera's popup (the map's own click):
  // a popup opened right after a pick is closed, so it does not hide the place just picked.
  const pickedAt = useRef(0);
  useEffect(() => {
    const onPopup = (event: L.PopupEvent): void => {
      if (performance.now() - pickedAt.current < 1_000) map.closePopup(event.popup);
    };
    map.on('popupopen', onPopup);
    return () => {
      map.off('popupopen', onPopup);
    };
  }, [map]);
  useEffect(() => {
    if (!picking) return;
    const container = map.getContainer();
    container.classList.add('dispatch-picking');
    const onClick = (event: L.LeafletMouseEvent): void => {
      pickedAt.current = performance.now();
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

/**
 * Centres the map on a point when asked (`nonce` changes): a unit chosen on the board (close
 * enough to see it), or an incident at a reinforcement level's zoom.
 */
export function useCentreOn(
  map: L.Map,
  target: { lat: number; lng: number; zoom?: number; nonce: number } | null,
  place: Place,
): void {
  useEffect(() => {
    if (!target) return;
    map.setView(place(target.lat, target.lng), target.zoom ?? Math.max(map.getZoom(), 15));
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
