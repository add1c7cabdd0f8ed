/**
 * Incidents on the map (issue #13 item 2): one DOM marker per incident in its own pane, coloured by
 * level (一般 blue, 较大 yellow, 重大 orange, 特别重大 red), fading with age, the finished ones
 * faint; the chosen one ringed and centred when it is chosen. A click opens the incident.
 */
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import type { Incident } from '../../shared/contract/dispatch';
import { isOpen, markerOpacity } from '../desk/dispatch/dispatch-model';
import { escapeHtml } from './html-text';

type Place = (lat: number, lng: number) => [number, number];

interface Entry {
  marker: L.Marker;
  incident: Incident;
  look: string;
}

function look(incident: Incident, selected: boolean, flashing: boolean): string {
  return [
    'incident-icon',
    `incident-level-${incident.level}`,
    isOpen(incident.status) ? 'incident-open' : 'incident-done',
    `incident-${incident.status}`,
    selected ? 'incident-selected' : '',
    flashing ? 'incident-flash' : '',
  ]
    .filter(Boolean)
    .join(' ');
}

function icon(incident: Incident, className: string): L.DivIcon {
  return L.divIcon({
    className,
    html:
      `<span class="incident-dot">${escapeHtml(String(incident.level))}</span>` +
      `<span class="incident-label">${escapeHtml(incident.category)}</span>`,
    iconSize: [22, 22],
    iconAnchor: [11, 11],
  });
}

export function useIncidentLayers(
  map: L.Map,
  incidents: readonly Incident[],
  selectedId: string | null,
  flashing: ReadonlySet<string>,
  now: number,
  place: Place,
  onSelect: (id: string) => void,
): void {
  const groupRef = useRef<L.LayerGroup | null>(null);
  const entries = useRef(new Map<string, Entry>());
  const selectRef = useRef(onSelect);
  useEffect(() => {
    selectRef.current = onSelect;
  }, [onSelect]);

  useEffect(() => {
    if (!map.getPane('incidents')) map.createPane('incidents').style.zIndex = '640';
    const group = L.layerGroup([], { pane: 'incidents' }).addTo(map);
    groupRef.current = group;
    const known = entries.current;
    return () => {
      groupRef.current = null;
      known.clear();
      group.remove();
    };
  }, [map]);

  useEffect(() => {
    const group = groupRef.current;
    if (!group) return;
    const known = entries.current;
    const seen = new Set<string>();
    for (const incident of incidents) {
      seen.add(incident.id);
      const className = look(incident, incident.id === selectedId, flashing.has(incident.id));
      const at = place(incident.lat, incident.lng);
      let entry = known.get(incident.id);
      if (!entry) {
        const marker = L.marker(at, {
          icon: icon(incident, className),
          pane: 'incidents',
          keyboard: false,
          riseOnHover: true,
          title: `${incident.number} ${incident.category} ${incident.address}`,
        });
        marker.on('click', () => selectRef.current(incident.id));
        marker.addTo(group);
        entry = { marker, incident, look: className };
        known.set(incident.id, entry);
      } else if (entry.incident !== incident || entry.look !== className) {
        if (entry.incident.lat !== incident.lat || entry.incident.lng !== incident.lng)
          entry.marker.setLatLng(at);
        if (entry.look !== className || entry.incident.category !== incident.category)
          entry.marker.setIcon(icon(incident, className));
        entry.incident = incident;
        entry.look = className;
      }
      entry.marker.setOpacity(incident.id === selectedId ? 1 : markerOpacity(incident, now));
      entry.marker.setZIndexOffset(incident.id === selectedId ? 1000 : incident.level * 10);
    }
    for (const [id, entry] of known) {
      if (seen.has(id)) continue;
      entry.marker.remove();
      known.delete(id);
    }
    map.getContainer().dataset.incidentCount = String(known.size);
  }, [map, incidents, selectedId, flashing, now, place]);

  // The chosen incident is brought to the middle once, when it is chosen (not on every update).
  const centred = useRef<string | null>(null);
  useEffect(() => {
    if (selectedId === centred.current) return;
    const incident = incidents.find((i) => i.id === selectedId);
    if (!incident) return;
    centred.current = selectedId;
    map.setView(place(incident.lat, incident.lng), Math.max(map.getZoom(), 15));
  }, [map, incidents, selectedId, place]);
}
