/**
 * Lasso and circle select (issue #5): while a mode is on (the map's toolbar toggle), pressing the
 * mouse on the map draws instead of panning: a lasso follows the pointer as a polygon, a circle
 * grows from where the press began. On release the shape (in the drawn datum) goes to `onShape`.
 *
 * The pointer is read from DOM events on the map's container (capture phase), not Leaflet's map
 * events: over an interactive zone polygon Leaflet gives the event to the polygon, not the map.
 *
 * Discipline: the listeners, the temporary shape, the disabled dragging and the cursor class are
 * all set in the effect and undone in its cleanup (mode off, map gone, or unmounted).
 */
import L from 'leaflet';
import { useEffect } from 'react';
import type { LngLatPair } from '../../shared/domain/geo';
import type { SelectShape } from '../../shared/domain/geo/selection';

export type DrawMode = 'off' | 'lasso' | 'circle';

const DRAW_STYLE: L.PathOptions = {
  color: '#f2c14e',
  weight: 2,
  dashArray: '5 4',
  fillColor: '#f2c14e',
  fillOpacity: 0.08,
  interactive: false,
};
/** A lasso point is kept when the pointer moved this far (px) from the last one. */
const STEP_PX = 4;

export function useSelectDraw(
  map: L.Map | null,
  mode: DrawMode,
  onShape: (shape: SelectShape) => void,
): void {
  useEffect(() => {
    if (!map || mode === 'off') return;
    const container = map.getContainer();
    const wasDragging = map.dragging.enabled();
    map.dragging.disable();
    container.classList.add('map-drawing');
    let drawing: L.Polygon | L.Circle | null = null;
    let points: L.LatLng[] = [];
    let start: L.LatLng | null = null;
    let lastPx: L.Point | null = null;

    // The browser clicks after the release; that click must not open a camera's popup.
    const swallowClick = (event: MouseEvent) => event.stopPropagation();
    let swallowTimer: ReturnType<typeof setTimeout> | undefined;

    const down = (event: MouseEvent) => {
      if (event.button !== 0) return;
      // Only presses on the map itself (not its zoom buttons or layer control).
      if ((event.target as Element).closest('.leaflet-control')) return;
      event.stopPropagation();
      event.preventDefault();
      const latlng = map.mouseEventToLatLng(event);
      start = latlng;
      lastPx = map.mouseEventToContainerPoint(event);
      if (mode === 'lasso') {
        points = [latlng];
        drawing = L.polygon(points, DRAW_STYLE).addTo(map);
      } else {
        drawing = L.circle(latlng, { ...DRAW_STYLE, radius: 1 }).addTo(map);
      }
    };
    const move = (event: MouseEvent) => {
      if (!drawing || !start) return;
      const latlng = map.mouseEventToLatLng(event);
      const px = map.mouseEventToContainerPoint(event);
      if (drawing instanceof L.Circle) {
        drawing.setRadius(Math.max(1, map.distance(start, latlng)));
      } else if (!lastPx || lastPx.distanceTo(px) >= STEP_PX) {
        lastPx = px;
        points.push(latlng);
        drawing.setLatLngs(points);
      }
    };
    const up = () => {
      if (!drawing || !start) return;
      const shape: SelectShape =
        drawing instanceof L.Circle
          ? {
              kind: 'circle',
              centre: { lat: start.lat, lng: start.lng },
              radiusM: drawing.getRadius(),
            }
          : { kind: 'lasso', ring: points.map((p): LngLatPair => [p.lng, p.lat]) };
      drawing.remove();
      drawing = null;
      start = null;
      points = [];
      container.addEventListener('click', swallowClick, { capture: true, once: true });
      clearTimeout(swallowTimer);
      swallowTimer = setTimeout(
        () => container.removeEventListener('click', swallowClick, { capture: true }),
        300,
      );
      onShape(shape);
    };
    container.addEventListener('mousedown', down, { capture: true });
    // Moves and the release anywhere on the page (the pointer may leave the map while drawing).
    document.addEventListener('mousemove', move);
    document.addEventListener('mouseup', up);
    return () => {
      container.removeEventListener('mousedown', down, { capture: true });
      document.removeEventListener('mousemove', move);
      document.removeEventListener('mouseup', up);
      clearTimeout(swallowTimer);
      container.removeEventListener('click', swallowClick, { capture: true });
      drawing?.remove();
      container.classList.remove('map-drawing');
      if (wasDragging) map.dragging.enable();
    };
  }, [map, mode, onShape]);
}
