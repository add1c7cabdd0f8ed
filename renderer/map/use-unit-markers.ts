/**
 * Patrol units as small DOM icons in their own pane (never on the cameras' canvas: repainting
 * 26,000 dots per fix was a 150-220 ms long task in the spike). A batch of the `units` stream
 * moves only the markers whose unit changed (setLatLng) and touches their icon's DOM only when
 * the heading, status or staleness changed.
 */
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { UnitState } from '../../shared/contract/map';
import type { UnitMap } from '../state/use-units';
import { escapeHtml } from './html-text';
import { unitLook } from './map-style';

interface Entry {
  marker: L.Marker;
  unit: UnitState;
}

const glyph: Record<UnitState['kind'], string> = { car: '车', foot: '步', village: '村' };

function iconHtml(unit: UnitState): string {
  return (
    `<span class="unit-arrow" style="transform: rotate(${Math.round(unit.heading)}deg)"></span>` +
    `<span class="unit-body">${glyph[unit.kind]}</span>` +
    `<span class="unit-call">${escapeHtml(unit.callSign)}</span>`
  );
}

function iconClass(unit: UnitState): string {
  return `unit-icon unit-${unit.kind} unit-${unitLook(unit)}`;
}

function makeIcon(unit: UnitState): L.DivIcon {
  return L.divIcon({
    className: iconClass(unit),
    html: iconHtml(unit),
    iconSize: [22, 22],
    iconAnchor: [11, 11],
  });
}

export function useUnitMarkers(
  map: L.Map | null,
  units: UnitMap | undefined,
  place: (lat: number, lng: number) => [number, number],
  onSelect: (unitId: string) => void,
  onLayer: (layer: L.LayerGroup | null) => void,
): void {
  const groupRef = useRef<L.LayerGroup | null>(null);
  const entries = useRef(new Map<string, Entry>());
  const selectRef = useRef(onSelect);
  useEffect(() => {
    selectRef.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    if (!map) return;
    const group = L.layerGroup([], { pane: 'units' }).addTo(map);
    const known = entries.current;
    // Zoomed out, 400 call signs are a blur: small dots only, labels from zoom 14.
    const container = map.getContainer();
    const onZoom = (): void => {
      container.classList.toggle('zoomed-out', map.getZoom() < 14);
    };
    onZoom();
    map.on('zoomend', onZoom);
    groupRef.current = group;
    onLayer(group);
    return () => {
      onLayer(null);
      groupRef.current = null;
      known.clear();
      map.off('zoomend', onZoom);
      container.classList.remove('zoomed-out');
      group.remove();
    };
  }, [map, onLayer]);

  // A new datum (place) re-places every unit.
  useEffect(() => {
    entries.current.forEach(({ marker, unit }) => marker.setLatLng(place(unit.lat, unit.lng)));
  }, [place]);

  useEffect(() => {
    const group = groupRef.current;
    if (!group || !units) return;
    const known = entries.current;
    let moved = 0;
    for (const unit of units.values()) {
      const entry = known.get(unit.unitId);
      if (!entry) {
        const marker = L.marker(place(unit.lat, unit.lng), {
          icon: makeIcon(unit),
          pane: 'units',
          keyboard: false,
          riseOnHover: true,
        });
        marker.on('click', () => selectRef.current(unit.unitId));
        marker.addTo(group);
        known.set(unit.unitId, { marker, unit });
        continue;
      }
      if (entry.unit === unit) continue;
      const before = entry.unit;
      entry.unit = unit;
      if (before.lat !== unit.lat || before.lng !== unit.lng) {
        entry.marker.setLatLng(place(unit.lat, unit.lng));
        moved++;
      }
      const element = entry.marker.getElement();
      if (!element) continue;
      if (iconClass(before) !== iconClass(unit))
        element.className = element.className.replace(iconClass(before), iconClass(unit));
      if (Math.round(before.heading) !== Math.round(unit.heading)) {
        const arrow = element.querySelector<HTMLElement>('.unit-arrow');
        if (arrow) arrow.style.transform = `rotate(${Math.round(unit.heading)}deg)`;
      }
    }
    for (const [id, entry] of known) {
      if (!units.has(id)) {
        entry.marker.remove();
        known.delete(id);
      }
    }
    const container = map?.getContainer();
    if (container) {
      container.dataset.unitCount = String(known.size);
      container.dataset.unitsMoved = String(moved);
    }
  }, [map, units, place]);
}
