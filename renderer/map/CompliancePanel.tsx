/**
 * The daily track review (每天轨迹查看) of one grid (`compliance.report`): its must-reach points,
 * reached (by whom first, when) or missed, and per unit the points reached, missed and the
 * must-patrol line coverage. Units that missed points are listed first and highlighted; the
 * grid's points are drawn on the map green (reached) or red (missed) while the report shows.
 * The review covers a window ending now or a date and a shift (yesterday 08:00-20:00) in the
 * hall's time zone (WindowPicker); a unit's "track" replays the same window.
 */
import L from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplianceReport, MapGeometry } from '../../shared/contract/map';
import { toLatLngs } from '../../shared/contract/map';
import { useClient } from '../transport/use-client';
import { escapeHtml } from './html-text';
import { shiftOf, windowOf, type WindowChoice } from './replay';
import { WindowPicker } from './WindowPicker';
import { formatTime } from '../../shared/domain/time/hall-time';
import { useTimeZone } from '../state/use-time-zone';

export function CompliancePanel({
  map,
  geometry,
  place,
  onReview,
}: {
  map: L.Map | null;
  geometry: MapGeometry | undefined;
  place: (lat: number, lng: number) => [number, number];
  onReview: (callSign: string, window: WindowChoice) => void;
}) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const client = useClient();
  const grids = useMemo(
    () =>
      (geometry?.areas ?? [])
        .filter((a) => a.level === 'grid')
        .sort((a, b) => a.id.localeCompare(b.id)),
    [geometry],
  );
  const [gridId, setGridId] = useState('');
  const [choice, setChoice] = useState<WindowChoice>({ mode: 'recent', range: 'h8' });
  // The window the report shown was made for (a unit's track replays exactly it).
  const [reported, setReported] = useState<WindowChoice>(choice);
  const [report, setReport] = useState<ComplianceReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = gridId || grids[0]?.id || '';

  const run = async () => {
    if (!chosen) return;
    const asked = windowOf(choice, Date.now(), zone);
    if ('error' in asked) {
      setError(t(asked.error === 'date' ? 'mapSearch.track.badDate' : 'mapSearch.track.badTime'));
      return;
    }
    setBusy(true);
    setError(null);
    const answer = await client.call('compliance.report', {
      gridId: chosen,
      fromMs: asked.fromMs,
      toMs: asked.toMs,
      corridorM: 30,
    });
    setBusy(false);
    if (answer.ok) {
      setReport(answer.value);
      // "Ending now" is replayed as the window the report covered, not a later one.
      setReported(
        choice.mode === 'shift'
          ? choice
          : { mode: 'shift', ...shiftOf(asked.fromMs, asked.toMs, zone) },
      );
    } else setError(answer.error.message);
  };

  useEffect(() => {
    if (!map || !report) return;
    const group = L.layerGroup([], { pane: 'tracks' }).addTo(map);
    const grid = geometry?.areas.find((a) => a.id === report.gridId);
    if (grid) {
      const outline = L.polygon(
        grid.polygon.map((ring) => toLatLngs(ring).map(([lat, lng]) => place(lat, lng))),
        { color: '#f2c14e', weight: 3, fillOpacity: 0.05, interactive: false, pane: 'tracks' },
      ).addTo(group);
      map.fitBounds(outline.getBounds(), { padding: [30, 30] });
    }
    for (const point of report.mustReachPoints) {
      const reached = report.pointsReachedByAny[point.id];
      L.circle(place(point.lat, point.lng), {
        radius: point.radiusM,
        color: reached ? '#35b56f' : '#e5534b',
        weight: 2,
        fillOpacity: 0.35,
        pane: 'tracks',
        className: reached ? 'review-reached' : 'review-missed',
      })
        .bindTooltip(escapeHtml(point.name), { className: 'map-tooltip' })
        .addTo(group);
    }
    return () => {
      group.remove();
    };
  }, [map, report, geometry, place]);

  const pointName = useMemo(
    () => new Map(report?.mustReachPoints.map((p) => [p.id, p.name]) ?? []),
    [report],
  );
  const units = useMemo(() => {
    if (!report) return [];
    const missing = new Set(report.unitsMissingPoints);
    return [...report.units].sort(
      (a, b) =>
        Number(missing.has(b.unitId)) - Number(missing.has(a.unitId)) ||
        a.callSign.localeCompare(b.callSign),
    );
  }, [report]);

  return (
    <div className="map-section" data-testid="compliance-panel">
      <div className="map-section-title">{t('map.compliance.title')}</div>
      <form
        className="map-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <select
          data-testid="compliance-grid"
          value={chosen}
          onChange={(event) => setGridId(event.target.value)}
        >
          {grids.map((grid) => (
            <option key={grid.id} value={grid.id}>
              {grid.name}
            </option>
          ))}
        </select>
        <WindowPicker value={choice} onChange={setChoice} testId="compliance-range" />
        <button type="submit" data-testid="compliance-run" disabled={busy || !chosen}>
          {t('map.compliance.run')}
        </button>
      </form>
      {error && <div className="map-error">{error}</div>}
      {report && (
        <>
          <div className="map-subtitle">
            {t('map.compliance.points', {
              reached: Object.values(report.pointsReachedByAny).filter(Boolean).length,
              total: report.mustReachPoints.length,
            })}
          </div>
          <ul className="map-list" data-testid="compliance-points">
            {report.mustReachPoints.map((point) => {
              const reached = report.pointsReachedByAny[point.id] ?? false;
              const first = report.units
                .flatMap((u) =>
                  u.reached.filter((r) => r.pointId === point.id).map((r) => ({ u, r })),
                )
                .sort((a, b) => a.r.at - b.r.at)[0];
              return (
                <li
                  key={point.id}
                  data-testid="compliance-point"
                  data-reached={reached ? 'yes' : 'no'}
                >
                  <span className={`mark ${reached ? 'ok' : 'bad'}`}>{reached ? '✓' : '✗'}</span>
                  <span className="name" title={point.name}>
                    {point.name}
                  </span>
                  <span className="muted">
                    {first
                      ? `${first.u.callSign} ${formatTime(first.r.at, zone)}`
                      : t('map.compliance.missed')}
                  </span>
                </li>
              );
            })}
          </ul>
          <div className="map-subtitle">
            {t('map.compliance.units', {
              count: report.units.length,
              missing: report.unitsMissingPoints.length,
            })}
          </div>
          <ul className="map-list" data-testid="compliance-units">
            {units.map((unit) => {
              const missing = unit.missed.length > 0;
              const coverage =
                unit.lines.length === 0
                  ? null
                  : unit.lines.reduce((s, l) => s + l.fraction, 0) / unit.lines.length;
              return (
                <li
                  key={unit.unitId}
                  className={missing ? 'missing' : ''}
                  data-testid="compliance-unit"
                  title={unit.missed.map((id) => pointName.get(id) ?? id).join('\n')}
                >
                  <span className="name">{unit.callSign}</span>
                  <span className="muted">
                    {t('map.compliance.unitLine', {
                      reached: unit.reached.length,
                      missed: unit.missed.length,
                      coverage: coverage === null ? '—' : `${Math.round(coverage * 100)}%`,
                    })}
                  </span>
                  <button type="button" onClick={() => onReview(unit.callSign, reported)}>
                    {t('map.compliance.review')}
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
