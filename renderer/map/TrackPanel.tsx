/**
 * Track replay: one or several units over a time range (`tracks.query`), drawn by
 * use-track-layers.ts and replayed by use-replay-clock.ts: play/pause, 1×/4×/16×/60×, a time
 * slider, and "follow" (the map keeps the first unit centred). GPX export saves the first unit's
 * track. This component holds the state and the form.
 */
import L from 'leaflet';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TracksResult } from '../../shared/contract/map';
import type { UnitMap } from '../state/use-units';
import { useClient } from '../transport/use-client';
import { formatDistance } from './map-style';
import { TrackLegend } from './TrackLegend';
import { useReplayClock } from './use-replay-clock';
import { trackPalette, useTrackLayers } from './use-track-layers';
import {
  parseCallSigns,
  rangeChoices,
  rangeMs,
  replaySpeeds,
  type RangeKey,
  type ReplaySpeed,
} from './replay';
import { formatDateTime } from '../../shared/domain/time/hall-time';
import { useTimeZone } from '../state/use-time-zone';

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
  const { t } = useTranslation();
  const zone = useTimeZone();
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

  useTrackLayers(map, result, place, { at, follow, playing });
  useReplayClock(playing, speed, result, setAt, setPlaying);

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
                <span
                  className="swatch"
                  style={{ background: trackPalette[i % trackPalette.length] }}
                />
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
          <TrackLegend />
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
            {formatDateTime(at, zone)}
          </div>
          <button type="button" data-testid="track-gpx" onClick={() => void exportGpx()}>
            {t('map.track.gpx')}
          </button>
        </>
      )}
    </div>
  );
}
