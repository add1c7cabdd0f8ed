/**
 * Recent alerts on the map (issue #15): the station's kept alerts (`alerts.list`, newest first)
 * of the last day, each a marker with its title, in a pane above the units; asked again every
 * 20 s (the core keeps every alert the platform sent). Desk only: a wall window may not list
 * alerts. Returns the alerts, for the map's search.
 */
import L from 'leaflet';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { KeptAlert } from '../../shared/contract/alerts';
import { formatDateTime } from '../../shared/domain/time/hall-time';
import { useTimeZone } from '../state/use-time-zone';
import { useClient } from '../transport/use-client';
import { escapeHtml } from './html-text';
import { recentAlerts } from './recent-alerts';

const REFRESH_MS = 20_000;
const ALERT_LIMIT = 100;

export function useAlertMarkers(
  map: L.Map | null,
  place: (lat: number, lng: number) => [number, number],
  enabled: boolean,
  onLayer: (layer: L.LayerGroup | null) => void,
): readonly KeptAlert[] {
  const client = useClient();
  const { t } = useTranslation();
  const zone = useTimeZone();
  const [alerts, setAlerts] = useState<readonly KeptAlert[]>([]);

  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    const load = async (): Promise<void> => {
      const answer = await client.call('alerts.list', { limit: ALERT_LIMIT });
      if (alive && answer.ok) setAlerts(recentAlerts(answer.value, Date.now()));
    };
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [client, enabled]);

  useEffect(() => {
    if (!map || !enabled) return;
    if (!map.getPane('alerts')) map.createPane('alerts').style.zIndex = '630';
    const group = L.layerGroup([], { pane: 'alerts' }).addTo(map);
    onLayer(group);
    for (const alert of alerts) {
      const marker = L.marker(place(alert.lat, alert.lng), {
        pane: 'alerts',
        icon: L.divIcon({
          className: 'alert-marker',
          html:
            `<span class="alert-dot" data-alert-id="${escapeHtml(alert.id)}">!</span>` +
            `<span class="alert-title">${escapeHtml(alert.title)}</span>`,
          iconSize: [20, 20],
          iconAnchor: [10, 10],
        }),
        title: alert.title,
      });
      marker.bindPopup(
        escapeHtml(
          t('mapSearch.alerts.popup', {
            title: alert.title,
            category: alert.category,
            time: formatDateTime(alert.at, zone),
          }),
        ),
        { className: 'alert-popup' },
      );
      marker.addTo(group);
    }
    map.getContainer().dataset.alertCount = String(alerts.length);
    return () => {
      delete map.getContainer().dataset.alertCount;
      onLayer(null);
      group.remove();
    };
  }, [map, enabled, alerts, place, t, zone, onLayer]);

  return alerts;
}
