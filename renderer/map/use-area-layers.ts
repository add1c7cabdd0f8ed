/**
 * The district's areas as toggleable overlays: regions, zones and grids (polygons), must-patrol
 * lines, must-reach points, checkpoints and duty posts, each its own layer group with its zh-CN
 * names in tooltips; plus the base map and the cameras in the same layer control. Rebuilt when
 * the geometry or the language changes; everything created here is removed in the cleanup.
 */
import L from 'leaflet';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapGeometry } from '../../shared/contract/map';
import { toLatLngs } from '../../shared/contract/map';
import { escapeHtml } from './html-text';

export function useAreaLayers(
  map: L.Map | null,
  geometry: MapGeometry | undefined,
  place: (lat: number, lng: number) => [number, number],
  extra: {
    base: L.Layer | null;
    cameras: L.Layer | null;
    units: L.Layer | null;
    alerts?: L.Layer | null;
  },
): void {
  const { t } = useTranslation();
  const { base, cameras, units, alerts = null } = extra;
  useEffect(() => {
    if (!map) return;
    const shift = (ring: [number, number][]): [number, number][] =>
      ring.map(([lat, lng]) => place(lat, lng));
    const groups: Record<string, L.LayerGroup> = {
      regions: L.layerGroup(),
      zones: L.layerGroup(),
      grids: L.layerGroup(),
      lines: L.layerGroup(),
      points: L.layerGroup(),
      checkpoints: L.layerGroup(),
      dutyPosts: L.layerGroup(),
    };
    for (const area of geometry?.areas ?? []) {
      const rings = area.polygon.map((ring) => shift(toLatLngs(ring)));
      const style: L.PathOptions =
        area.level === 'region'
          ? { color: '#f2c14e', weight: 3, fill: false, className: 'area-region' }
          : area.level === 'zone'
            ? {
                color: '#7fb2e5',
                weight: 2,
                fillColor: '#7fb2e5',
                fillOpacity: 0.04,
                className: 'area-zone',
              }
            : {
                color: '#5c7590',
                weight: 1,
                dashArray: '4 4',
                fillOpacity: 0,
                className: 'area-grid',
              };
      const polygon = L.polygon(rings, { ...style, interactive: area.level !== 'region' });
      polygon.bindTooltip(escapeHtml(area.name), { sticky: true, className: 'map-tooltip' });
      const group =
        area.level === 'region'
          ? groups.regions
          : area.level === 'zone'
            ? groups.zones
            : groups.grids;
      group!.addLayer(polygon);
      {
        const label = L.marker(place(area.labelAt.lat, area.labelAt.lng), {
          interactive: false,
          icon: L.divIcon({
            className: `area-label area-label-${area.level}`,
            html: `<span>${escapeHtml(area.name)}</span>`,
            iconSize: [0, 0],
          }),
          pane: 'labels',
        });
        group!.addLayer(label);
      }
    }
    for (const line of geometry?.mustPatrolLines ?? []) {
      groups
        .lines!.addLayer(
          L.polyline(shift(toLatLngs(line.path)), {
            color: '#2fd3c4',
            weight: 3,
            opacity: 0.85,
            className: 'must-patrol-line',
          }),
        )
        .getLayers()
        .at(-1)!
        .bindTooltip(escapeHtml(line.name), { sticky: true, className: 'map-tooltip' });
    }
    for (const point of geometry?.mustReachPoints ?? []) {
      L.circleMarker(place(point.lat, point.lng), {
        radius: 6,
        color: '#2fd3c4',
        weight: 2,
        fillColor: '#0b1016',
        fillOpacity: 0.9,
        className: 'must-reach-point',
      })
        .bindTooltip(escapeHtml(point.name), { className: 'map-tooltip' })
        .addTo(groups.points!);
    }
    const post = (kind: 'checkpoints' | 'dutyPosts', colour: string) => {
      for (const p of geometry?.[kind] ?? []) {
        L.marker(place(p.lat, p.lng), {
          icon: L.divIcon({
            className: `post-icon post-${kind}`,
            html: `<span style="background:${colour}">${kind === 'checkpoints' ? '卡' : '驻'}</span>`,
            iconSize: [20, 20],
            iconAnchor: [10, 10],
          }),
          pane: 'posts',
        })
          .bindTooltip(escapeHtml(p.name), {
            className: 'map-tooltip',
            direction: 'top',
            offset: [0, -10],
          })
          .addTo(groups[kind]!);
      }
    };
    post('checkpoints', '#d9534f');
    post('dutyPosts', '#3f7fd1');

    for (const key of [
      'regions',
      'zones',
      'grids',
      'lines',
      'points',
      'checkpoints',
      'dutyPosts',
    ]) {
      groups[key]!.addTo(map);
    }
    // Grid names only from zoom 13 (48 labels are clutter over the whole county).
    const container = map.getContainer();
    const onZoom = (): void => {
      container.classList.toggle('grid-labels', map.getZoom() >= 13);
    };
    onZoom();
    map.on('zoomend', onZoom);
    const overlays: Record<string, L.Layer> = {};
    if (base) overlays[t('map.layers.base')] = base;
    if (cameras) overlays[t('map.layers.cameras')] = cameras;
    if (units) overlays[t('map.layers.units')] = units;
    if (alerts) overlays[t('mapSearch.alerts.layer')] = alerts;
    overlays[t('map.layers.regions')] = groups.regions!;
    overlays[t('map.layers.zones')] = groups.zones!;
    overlays[t('map.layers.grids')] = groups.grids!;
    overlays[t('map.layers.lines')] = groups.lines!;
    overlays[t('map.layers.points')] = groups.points!;
    overlays[t('map.layers.checkpoints')] = groups.checkpoints!;
    overlays[t('map.layers.dutyPosts')] = groups.dutyPosts!;
    const control = L.control.layers(undefined, overlays, {
      collapsed: true,
      position: 'topright',
    });
    control.addTo(map);
    return () => {
      map.off('zoomend', onZoom);
      container.classList.remove('grid-labels');
      control.remove();
      for (const group of Object.values(groups)) group.remove();
    };
  }, [map, geometry, place, base, cameras, units, alerts, t]);
}
