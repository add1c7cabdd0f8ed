/**
 * Track replay: one or several units over a time range (`tracks.query`). Draws each track as a
 * polyline (edged in the unit's colour, coloured inside by speed: speed-colour.ts) with its stops
 * marked, then replays it: play/pause, 1×/4×/16×/60×, a time slider, and
 * "follow" (the map keeps the first unit centred). GPX export saves the first unit's track.
 */
import L from 'leaflet';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TracksResult } from '../../shared/contract/map';
import type { UnitMap } from '../state/use-units';
import { useClient } from '../transport/use-client';
import { escapeHtml } from './html-text';
import { formatDistance } from './map-style';
import { speedBands, speedRuns } from './speed-colour';
import {
  advance,
  parseCallSigns,
  positionAt,
  rangeChoices,
  rangeMs,
  replaySpeeds,
  type RangeKey,
  type ReplaySpeed,
} from './replay';

const palette = ['#ff6b6b', '#ffd93d', '#6bcBff', '#b388ff', '#69f0ae', '#ff9e80'];

export interface TrackRequest {
  callSigns: string;
  range: RangeKey;
  /** Bumped to load again with the same text (a unit card's "replay track"). */
  nonce: number;
}

export function TrackPanel({
  map,
  units,
  place,
  request,
}: {
  map: L.Map | null;
  units: UnitMap | undefined;
  place: (lat: number, lng: number) => [number, number];
  request: TrackRequest;
}) {
  const { t, i18n } = useTranslation();
  const client = useClient();
  const [text, setText] = useState(request.callSigns);
  const [range, setRange] = useState<RangeKey>(request.range);
  const [result, setResult] = useState<TracksResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [at, setAt] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<ReplaySpeed>(16);
  const [follow, setFollow] = useState(true);
  const cursors = useRef<L.CircleMarker[]>([]);

  const load = useCallback(
    async (callSigns: string, rangeKey: RangeKey) => {
      const { ids, unknown } = parseCallSigns(callSigns, units?.values() ?? []);
      if (ids.length === 0 || unknown.length > 0) {
        setError(t('map.track.unknown', { names: unknown.join(' ') || callSigns }));
        return;
      }
      setBusy(true);
      setError(null);
      const toMs = Date.now();
      const answer = await client.call('tracks.query', {
        unitIds: ids.slice(0, 20),
        fromMs: toMs - rangeMs(rangeKey),
        toMs,
        maxPoints: 5000,
        stopMinMs: 180_000,
        stopRadiusM: 30,
      });
      setBusy(false);
      if (!answer.ok) {
        setError(answer.error.message);
        return;
      }
      setResult(answer.value);
      setAt(answer.value.fromMs);
      setPlaying(false);
    },
    [client, t, units],
  );

  // A request from outside (a unit card): take its text and load.
  const lastNonce = useRef(0);
  useEffect(() => {
    if (request.nonce === lastNonce.current || request.nonce === 0) return;
    lastNonce.current = request.nonce;
    setText(request.callSigns);
    setRange(request.range);
    void load(request.callSigns, request.range);
  }, [request, load]);

  // Draw the tracks, their stops and a cursor per track.
  useEffect(() => {
    if (!map || !result) return;
    const group = L.layerGroup([], { pane: 'tracks' }).addTo(map);
    const made: L.CircleMarker[] = [];
    const bounds = L.latLngBounds([]);
    const bands = new Set<number>();
    result.tracks.forEach((track, i) => {
      const colour = palette[i % palette.length]!;
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
                from: new Date(stop.fromMs).toLocaleTimeString(i18n.language),
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
  }, [map, result, place, t, i18n.language]);

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

  // The replay clock.
  useEffect(() => {
    if (!playing || !result) return;
    let last = performance.now();
    let frame = requestAnimationFrame(function tick(now) {
      const elapsed = now - last;
      last = now;
      setAt((previous) => {
        const next = advance(previous, elapsed, speed, result.toMs);
        if (next >= result.toMs) setPlaying(false);
        return next;
      });
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, result]);

  const exportGpx = async () => {
    const track = result?.tracks[0];
    if (!result || !track) return;
    const answer = await client.call('tracks.exportGpx', {
      unitId: track.unitId,
      fromMs: result.fromMs,
      toMs: result.toMs,
    });
    if (!answer.ok) {
      setError(answer.error.message);
      return;
    }
    const url = URL.createObjectURL(new Blob([answer.value.gpx], { type: 'application/gpx+xml' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = answer.value.filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  return (
    <div className="map-section" data-testid="track-panel">
      <div className="map-section-title">{t('map.track.title')}</div>
      <form
        className="map-form"
        onSubmit={(event) => {
          event.preventDefault();
          void load(text, range);
        }}
      >
        <input
          data-testid="track-units"
          list="map-call-signs"
          value={text}
          placeholder={t('map.track.units')}
          onChange={(event) => setText(event.target.value)}
        />
        <datalist id="map-call-signs">
          {[...(units?.values() ?? [])].slice(0, 400).map((u) => (
            <option key={u.unitId} value={u.callSign} />
          ))}
        </datalist>
        <select
          data-testid="track-range"
          value={range}
          onChange={(event) => setRange(event.target.value as RangeKey)}
        >
          {rangeChoices.map((r) => (
            <option key={r.key} value={r.key}>
              {t(`map.range.${r.key}`)}
            </option>
          ))}
        </select>
        <button type="submit" data-testid="track-load" disabled={busy}>
          {t('map.track.load')}
        </button>
      </form>
      {error && <div className="map-error">{error}</div>}
      {result && (
        <>
          <ul className="map-list" data-testid="track-list">
            {result.tracks.map((track, i) => (
              <li key={track.unitId} data-points={track.points.length}>
                <span className="swatch" style={{ background: palette[i % palette.length] }} />
                <span className="name">{track.callSign}</span>
                <span className="muted">
                  {t('map.track.summary', {
                    points: track.totalPoints,
                    distance: formatDistance(track.distanceM),
                    stops: track.stops.length,
                  })}
                </span>
              </li>
            ))}
          </ul>
          <div className="speed-legend" data-testid="speed-legend">
            <span className="muted">{t('map.track.speed')}</span>
            {speedBands.map((band, i) => (
              <span key={band.colour}>
                <i style={{ background: band.colour }} />
                {i < speedBands.length - 1
                  ? `<${band.maxKmh}`
                  : `≥${speedBands[speedBands.length - 2]!.maxKmh}`}
              </span>
            ))}
            <span className="muted">km/h</span>
            <span>
              <i className="stop-swatch" />
              {t('map.track.stops')}
            </span>
          </div>
          <div className="replay-controls">
            <button
              type="button"
              data-testid="track-play"
              onClick={() => {
                if (!playing && at >= result.toMs) setAt(result.fromMs);
                setPlaying(!playing);
              }}
            >
              {playing ? t('map.track.pause') : t('map.track.play')}
            </button>
            {replaySpeeds.map((s) => (
              <button
                key={s}
                type="button"
                className={s === speed ? 'active' : ''}
                onClick={() => setSpeed(s)}
              >
                {s}×
              </button>
            ))}
            <label className="follow">
              <input
                type="checkbox"
                checked={follow}
                onChange={(event) => setFollow(event.target.checked)}
              />
              {t('map.track.follow')}
            </label>
          </div>
          <input
            className="replay-slider"
            type="range"
            min={result.fromMs}
            max={result.toMs}
            step={1000}
            value={at}
            onChange={(event) => setAt(Number(event.target.value))}
          />
          <div className="replay-time" data-testid="replay-time">
            {new Date(at).toLocaleString(i18n.language)}
          </div>
          <button type="button" data-testid="track-gpx" onClick={() => void exportGpx()}>
            {t('map.track.gpx')}
          </button>
        </>
      )}
    </div>
  );
}
