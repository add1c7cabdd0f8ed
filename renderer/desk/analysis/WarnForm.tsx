/**
 * 发预警: a hot hex turned into a warning to the units of its grid — prefilled with the hex's
 * centre and grid, a name (the nearest must-reach point's or the grid's), tonight 20:00-22:00
 * hall time, a stop of 10-15 min; the chief edits and sends it (`analysis.warn`).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { HexCell, Warning } from '../../../shared/contract/analysis';
import type { AreaGeometry, MustReachPoint } from '../../../shared/contract/map';
import type { VigilErrorData } from '../../../shared/result';
import { useTimeZone } from '../../state/use-time-zone';
import { useClient } from '../../transport/use-client';
import { defaultWarningWindow, fromLocalInput, toLocalInput, warningName } from './analysis-model';
import { ErrorNote } from './ErrorNote';

export function WarnForm({
  cell,
  productLabel,
  grids,
  points,
  onSent,
  onClose,
}: {
  cell: HexCell;
  productLabel: string;
  grids: readonly AreaGeometry[];
  points: readonly MustReachPoint[];
  onSent: (warning: Warning) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const zone = useTimeZone();
  const [initial] = useState(() => {
    const grid = grids.find((g) => g.id === cell.gridId);
    const window = defaultWarningWindow(Date.now(), zone);
    return {
      name: warningName(cell, points, grid?.name ?? null),
      start: toLocalInput(window.start, zone),
      end: toLocalInput(window.end, zone),
    };
  });
  const [name, setName] = useState(initial.name);
  const [gridId, setGridId] = useState(cell.gridId ?? '');
  const [start, setStart] = useState(initial.start);
  const [end, setEnd] = useState(initial.end);
  const [radiusM, setRadiusM] = useState(150);
  const [stopMin, setStopMin] = useState(10);
  const [stopMax, setStopMax] = useState(15);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<VigilErrorData | null>(null);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const windowStart = fromLocalInput(start, zone);
    const windowEnd = fromLocalInput(end, zone);
    if (windowStart === null || windowEnd === null || windowEnd <= windowStart) {
      setProblem(t('analysis.warn.badWindow'));
      return;
    }
    if (!gridId) {
      setProblem(t('analysis.warn.noGrid'));
      return;
    }
    setProblem(null);
    setError(null);
    setBusy(true);
    void client
      .call('analysis.warn', {
        name: name.trim(),
        lat: cell.lat,
        lng: cell.lng,
        radiusM,
        gridId,
        windowStart,
        windowEnd,
        stopMinMinutes: stopMin,
        stopMaxMinutes: Math.max(stopMin, stopMax),
        note: note.trim(),
        source: { productLabel, hexId: cell.id },
      })
      .then((answer) => {
        setBusy(false);
        if (answer.ok) onSent(answer.value);
        else setError(answer.error);
      });
  };

  return (
    <form className="analysis-warn" data-testid="analysis-warn-form" onSubmit={submit}>
      <h3>{t('analysis.warn.title')}</h3>
      <label>
        {t('analysis.warn.name')}
        <input
          value={name}
          maxLength={200}
          required
          data-testid="warn-name"
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <label>
        {t('analysis.warn.grid')}
        <select value={gridId} data-testid="warn-grid" onChange={(e) => setGridId(e.target.value)}>
          <option value="">—</option>
          {grids.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </label>
      <div className="muted">
        {t('analysis.warn.centre')}: {cell.lat.toFixed(5)}, {cell.lng.toFixed(5)}
      </div>
      <div className="analysis-warn-row">
        <label>
          {t('analysis.warn.start')}
          <input
            value={start}
            data-testid="warn-start"
            placeholder="YYYY-MM-DD HH:mm"
            onChange={(e) => setStart(e.target.value)}
          />
        </label>
        <label>
          {t('analysis.warn.end')}
          <input
            value={end}
            data-testid="warn-end"
            placeholder="YYYY-MM-DD HH:mm"
            onChange={(e) => setEnd(e.target.value)}
          />
        </label>
      </div>
      <div className="analysis-warn-row">
        <label>
          {t('analysis.warn.stopMin')}
          <input
            type="number"
            min={1}
            max={240}
            value={stopMin}
            data-testid="warn-stop-min"
            onChange={(e) => setStopMin(Number(e.target.value) || 1)}
          />
        </label>
        <label>
          {t('analysis.warn.stopMax')}
          <input
            type="number"
            min={1}
            max={240}
            value={stopMax}
            data-testid="warn-stop-max"
            onChange={(e) => setStopMax(Number(e.target.value) || 1)}
          />
        </label>
        <label>
          {t('analysis.warn.radius')}
          <input
            type="number"
            min={10}
            max={2000}
            value={radiusM}
            data-testid="warn-radius"
            onChange={(e) => setRadiusM(Number(e.target.value) || 150)}
          />
        </label>
      </div>
      <label>
        {t('analysis.warn.note')}
        <textarea
          value={note}
          maxLength={2000}
          rows={2}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      {problem && (
        <div className="analysis-problem" role="alert">
          {problem}
        </div>
      )}
      {error && <ErrorNote error={error} what="analysis.warn" />}
      <div className="analysis-warn-buttons">
        <button type="submit" disabled={busy} data-testid="warn-send">
          {t('analysis.warn.send')}
        </button>
        <button type="button" onClick={onClose}>
          {t('analysis.warn.cancel')}
        </button>
      </div>
    </form>
  );
}
