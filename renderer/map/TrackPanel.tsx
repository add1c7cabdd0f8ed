/**
 * Track replay: one or several units over a time range (`tracks.query`) — a window ending now
 * or a date and a shift in the hall's time zone (WindowPicker) — drawn by
 * use-track-layers.ts and replayed by use-replay-clock.ts: play/pause, 1×/4×/16×/60×, a time
 * slider, and "follow" (the map keeps the first unit centred). GPX export saves the first unit's
 * track. The slider and the clock span the fixes found (dataSpan), not the empty hours of the
 * asked window around them. This component holds the state and the form.
 */
import L from 'leaflet';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TracksResult } from '../../shared/contract/map';
import type { UnitMap } from '../state/use-units';
import { useClient } from '../transport/use-client';
import { formatDistance } from './map-style';
import { TrackLegend } from './TrackLegend';
import { useReplayClock } from './use-replay-clock';
import { trackPalette, useTrackLayers } from './use-track-layers';
import {
  dataSpan,
  parseCallSigns,
  replaySpeeds,
  windowOf,
  type ReplaySpeed,
  type WindowChoice,
} from './replay';
import { WindowPicker } from './WindowPicker';
import { formatDateTime } from '../../shared/domain/time/hall-time';
import { useTimeZone } from '../state/use-time-zone';

export interface TrackRequest {
  callSigns: string;
  window: WindowChoice;
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
  const [choice, setChoice] = useState<WindowChoice>(request.window);
  const [result, setResult] = useState<TracksResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [at, setAt] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<ReplaySpeed>(16);
  const [follow, setFollow] = useState(true);

  const load = useCallback(
    async (callSigns: string, window: WindowChoice) => {
      const { ids, unknown } = parseCallSigns(callSigns, units?.values() ?? []);
      if (ids.length === 0 || unknown.length > 0) {
        setError(t('map.track.unknown', { names: unknown.join(' ') || callSigns }));
        return;
      }
      const asked = windowOf(window, Date.now(), zone);
      if ('error' in asked) {
        setError(t(asked.error === 'date' ? 'mapSearch.track.badDate' : 'mapSearch.track.badTime'));
        return;
      }
      setBusy(true);
      setError(null);
      const answer = await client.call('tracks.query', {
        unitIds: ids.slice(0, 20),
        fromMs: asked.fromMs,
        toMs: asked.toMs,
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
      setAt(dataSpan(answer.value).fromMs);
      setPlaying(false);
    },
    [client, t, units, zone],
  );
  const span = useMemo(() => (result ? dataSpan(result) : null), [result]);

  // A request from outside (a unit card): take its text and load.
  const lastNonce = useRef(0);
  useEffect(() => {
    if (request.nonce === lastNonce.current || request.nonce === 0) return;
    lastNonce.current = request.nonce;
    setText(request.callSigns);
    setChoice(request.window);
    void load(request.callSigns, request.window);
  }, [request, load]);

  useTrackLayers(map, result, place, { at, follow, playing });
  useReplayClock(playing, speed, span, setAt, setPlaying);

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
          void load(text, choice);
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
        <WindowPicker value={choice} onChange={setChoice} testId="track-range" />
        <button type="submit" data-testid="track-load" disabled={busy}>
          {t('map.track.load')}
        </button>
      </form>
      {error && <div className="map-error">{error}</div>}
      {result && span && (
        <>
          <div className="muted replay-window" data-testid="track-window">
            {t('mapSearch.track.window', {
              from: formatDateTime(result.fromMs, zone),
              to: formatDateTime(result.toMs, zone),
            })}
          </div>
          <div
            className={span.empty ? 'map-error' : 'muted replay-window'}
            data-testid="track-span"
            data-from={span.fromMs}
            data-to={span.toMs}
          >
            {span.empty
              ? t('mapSearch.track.empty', {
                  from: formatDateTime(result.fromMs, zone),
                  to: formatDateTime(result.toMs, zone),
                })
              : t('mapSearch.track.span', {
                  from: formatDateTime(span.fromMs, zone),
                  to: formatDateTime(span.toMs, zone),
                })}
          </div>
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
                if (!playing && at >= span.toMs) setAt(span.fromMs);
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
            data-testid="replay-slider"
            min={span.fromMs}
            max={span.toMs}
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
