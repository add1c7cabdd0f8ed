/**
 * What the map shows for a found thing (a search hit, "show on map" from the tree or an alert):
 * the map centred on it (zoomed to a street for a camera or a post, fitted to an area or a line),
 * a ring around it with its name, an area's or line's outline drawn over it. Stays until the next
 * one or until cleared. The container says what is shown (`data-search-focus="camera:<id>"`), for
 * tests and benches.
 */
import L from 'leaflet';
import { useEffect } from 'react';
import { toLatLngs } from '../../shared/contract/map';
import { escapeHtml } from './html-text';
import type { SearchEntry } from './map-search';

/** The zoom a point-like hit is shown at (at least; a closer view is kept). */
export const FOCUS_ZOOM = 17;

export function useSearchFocus(
  map: L.Map | null,
  focus: { entry: SearchEntry; lat: number; lng: number; seq: number } | null,
  place: (lat: number, lng: number) => [number, number],
): void {
  useEffect(() => {
    if (!map || !focus) return;
    const { entry } = focus;
    const at = place(focus.lat, focus.lng);
    const group = L.layerGroup().addTo(map);
    const outline = entry.outline;
    if (outline && outline.ring.length > 1) {
      const path = toLatLngs(outline.ring).map(([lat, lng]) => place(lat, lng));
      const style: L.PolylineOptions = {
        color: '#ff8c1a',
        weight: 4,
        fill: false,
        interactive: false,
        pane: 'tracks',
        className: 'map-search-outline',
      };
      const shape = outline.closed ? L.polygon(path, style) : L.polyline(path, style);
      shape.addTo(group);
      map.fitBounds(shape.getBounds(), { padding: [40, 40], animate: false, maxZoom: 17 });
    } else {
      map.setView(at, Math.max(map.getZoom(), FOCUS_ZOOM), { animate: false });
    }
    L.circleMarker(at, {
      radius: 16,
      color: '#ff8c1a',
      weight: 3,
      fill: false,
      interactive: false,
      pane: 'tracks',
      className: 'map-search-hit-ring',
    })
      .bindTooltip(escapeHtml(entry.name), {
        permanent: true,
        direction: 'top',
        offset: [0, -16],
        className: 'map-tooltip map-search-label',
      })
      .addTo(group);
    const container = map.getContainer();
    container.dataset.searchFocus = `${entry.kind}:${entry.id}`;
    return () => {
      if (container.dataset.searchFocus === `${entry.kind}:${entry.id}`) {
        delete container.dataset.searchFocus;
      }
      group.remove();
    };
  }, [map, focus, place]);
}
