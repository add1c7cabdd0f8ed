/**
 * The track replay's map layers: each track as a polyline (edged in the unit's colour, coloured
 * inside by speed: speed-colour.ts) with its stops marked, and a cursor per track that follows the
 * replay clock (and keeps the first unit centred when following). Added with the result, removed
 * with it: one hook per layer, as the map's other layers are.
 */
import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TracksResult } from '../../shared/contract/map';
import { escapeHtml } from './html-text';
import { formatDistance } from './map-style';
import { positionAt } from './replay';
import { speedBands, speedRuns } from './speed-colour';
import { formatTime } from '../../shared/domain/time/hall-time';
import { useTimeZone } from '../state/use-time-zone';

export const trackPalette = ['#ff6b6b', '#ffd93d', '#6bcBff', '#b388ff', '#69f0ae', '#ff9e80'];

type Place = (lat: number, lng: number) => [number, number];

export function useTrackLayers(
  map: L.Map | null,
  result: TracksResult | null,
  place: Place,
  replay: { at: number; follow: boolean; playing: boolean },
): void {
  const { t, i18n } = useTranslation();
  const zone = useTimeZone();
  const cursors = useRef<L.CircleMarker[]>([]);
  const { at, follow, playing } = replay;

  // Draw the tracks, their stops and a cursor per track.
  useEffect(() => {
    if (!map || !result) return;
    const group = L.layerGroup([], { pane: 'tracks' }).addTo(map);
    const made: L.CircleMarker[] = [];
    const bounds = L.latLngBounds([]);
    const bands = new Set<number>();
    result.tracks.forEach((track, i) => {
      const colour = trackPalette[i % trackPalette.length]!;
      const line = track.points.map((p) => place(p.lat, p.lng));
      for (const ll of line) bounds.extend(ll);
      if (line.length > 1) {
        L.polyline(line, {
          color: '#05080c',
          weight: 11,
          opacity: 0.7,
          pane: 'tracks',
          interactive: false,
        }).addTo(group);
        // The unit's colour as a faint halo (which track is whose), its speed inside, so the
        // speed colours read clearly and a red unit is not taken for fast.
        L.polyline(line, {
          color: colour,
          weight: 9,
          opacity: 0.35,
          pane: 'tracks',
          className: `track-line track-${track.unitId}`,
        })
          .bindTooltip(
            escapeHtml(
              `${track.callSign} · ${formatDistance(track.distanceM)} · ${t('map.track.max', {
                speed: (track.maxSpeed * 3.6).toFixed(0),
              })}`,
            ),
            { sticky: true, className: 'map-tooltip' },
          )
          .addTo(group);
        for (const run of speedRuns(track.points)) {
          const colourOfRun = speedBands[run.band]!.colour;
          bands.add(run.band);
          L.polyline(line.slice(run.from, run.to + 1), {
            color: colourOfRun,
            weight: 4,
            opacity: 1,
            pane: 'tracks',
            interactive: false,
            className: `track-speed track-speed-${run.band}`,
          }).addTo(group);
        }
      }
      for (const stop of track.stops) {
        L.circleMarker(place(stop.lat, stop.lng), {
          radius: 7,
          color: colour,
          weight: 2,
          fillColor: '#0b1016',
          fillOpacity: 0.9,
          pane: 'tracks',
          className: 'track-stop',
        })
          .bindTooltip(
            escapeHtml(
              t('map.track.stop', {
                from: formatTime(stop.fromMs, zone),
                minutes: Math.round(stop.durationMs / 60_000),
              }),
            ),
            { className: 'map-tooltip' },
          )
          .addTo(group);
      }
      const first = track.points[0];
      const cursor = L.circleMarker(first ? place(first.lat, first.lng) : [0, 0], {
        radius: 8,
        color: '#ffffff',
        weight: 3,
        fillColor: colour,
        fillOpacity: 1,
        pane: 'tracks',
        className: 'track-cursor',
      }).addTo(group);
      if (!first) cursor.remove();
      made.push(cursor);
    });
    cursors.current = made;
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 16 });
    const container = map.getContainer();
    container.dataset.trackPoints = String(
      result.tracks.reduce((n, track) => n + track.points.length, 0),
    );
    // For tests: how many speed bands the drawn tracks use.
    container.dataset.trackSpeedBands = String(bands.size);
    return () => {
      cursors.current = [];
      delete container.dataset.trackPoints;
      delete container.dataset.trackSpeedBands;
      group.remove();
    };
  }, [map, result, place, t, i18n.language, zone]);

  // Move the cursors (and follow) when the replay clock moves.
  useEffect(() => {
    if (!result) return;
    result.tracks.forEach((track, i) => {
      const p = positionAt(track.points, at);
      const cursor = cursors.current[i];
      if (p && cursor) cursor.setLatLng(place(p.lat, p.lng));
      if (p && i === 0 && follow && playing && map) {
        map.panTo(place(p.lat, p.lng), { animate: false });
      }
    });
  }, [at, result, place, follow, playing, map]);
}
