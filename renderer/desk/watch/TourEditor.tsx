/**
 * A patrol tour's editor (定时查巡): its stops (camera, dwell, what to check), its time windows
 * (Beijing time; daily, weekdays, weekends or chosen weekdays; an optional date range), the
 * watcher it is for, the wall and tile it shows on, and whether it runs on schedule.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Tour, TourSummary } from '../../../shared/contract/watch';
import { DateInput } from '../../common/DateInput';
import { CameraListEditor } from './CameraListEditor';
import { useWatch } from './watch-context';
import {
  EditorCard,
  IconButton,
  NumberInput,
  TextField,
  TileSelect,
  WallSelect,
} from './WatchFields';
import {
  draftToWindow,
  newWatchId,
  secondsToMs,
  windowToDraft,
  type WindowDraft,
} from './watch-model';

interface StopDraft {
  cameraId: string;
  dwellS: number;
  check: string;
}

const dayKinds = ['daily', 'weekdays', 'weekends', 'specific'] as const;
const weekdays = [1, 2, 3, 4, 5, 6, 0] as const;
const newWindow = (): WindowDraft => ({
  start: '02:00',
  end: '05:00',
  kind: 'daily',
  weekdays: [],
  from: '',
  until: '',
});

export function TourEditor({ tour, onClose }: { tour: TourSummary | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { act, busy, walls, operator } = useWatch();
  const [name, setName] = useState(tour?.name ?? '');
  const [watcher, setWatcher] = useState(tour?.watcher ?? operator);
  const [wallId, setWallId] = useState(tour?.wallId ?? walls[0]?.wallId ?? 1);
  const [tileIndex, setTileIndex] = useState(tour?.tileIndex ?? 0);
  const [enabled, setEnabled] = useState(tour?.enabled ?? true);
  const [stops, setStops] = useState<StopDraft[]>(
    () =>
      tour?.stops.map((s) => ({
        cameraId: s.cameraId,
        dwellS: s.dwellMs / 1000,
        check: s.check,
      })) ?? [],
  );
  const [windows, setWindows] = useState<WindowDraft[]>(
    () => tour?.windows.map(windowToDraft) ?? [],
  );
  const setWindow = (i: number, patch: Partial<WindowDraft>) =>
    setWindows((ws) => ws.map((w, k) => (k === i ? { ...w, ...patch } : w)));

  const save = async () => {
    const draft: Tour = {
      id: tour?.id ?? newWatchId('tour'),
      name,
      stops: stops.map((s) => ({
        cameraId: s.cameraId,
        dwellMs: secondsToMs(s.dwellS),
        check: s.check,
      })),
      windows: windows.map(draftToWindow),
      watcher,
      wallId,
      tileIndex,
      enabled,
    };
    const saved = await act(t('watchDesk.common.save'), 'tour.save', draft, (s) =>
      t('watchDesk.common.saved', { name: s.name }),
    );
    if (saved) onClose();
  };

  return (
    <EditorCard
      title={t(tour ? 'watchDesk.tours.editTitle' : 'watchDesk.tours.newTitle')}
      testId="tour-editor"
      onSubmit={() => void save()}
    >
      <div className="watch-row">
        <TextField
          label={t('watchDesk.common.name')}
          testId="tour-name"
          value={name}
          maxLength={100}
          onChange={setName}
          grow
        />
        <TextField
          label={t('watchDesk.tours.watcher')}
          testId="tour-watcher"
          value={watcher}
          maxLength={200}
          onChange={setWatcher}
        />
        <WallSelect
          testId="tour-wall"
          value={wallId}
          onChange={(w) => {
            setWallId(w);
            setTileIndex(0);
          }}
        />
        <TileSelect testId="tour-tile" wallId={wallId} value={tileIndex} onChange={setTileIndex} />
        <label className="watch-field inline">
          <input
            type="checkbox"
            data-testid="tour-enabled"
            checked={enabled}
            onChange={(e) => setEnabled(e.target.checked)}
          />
          {t('watchDesk.tours.enabled')}
        </label>
      </div>

      <div className="watch-subtitle">{t('watchDesk.tours.windows')}</div>
      {windows.length === 0 && <div className="muted">{t('watchDesk.tours.noWindows')}</div>}
      {windows.map((w, i) => (
        <div className="window-row" key={i} data-testid="tour-window">
          <label className="watch-field">
            <span>{t('watchDesk.tours.start')}</span>
            <input
              className="hhmm"
              data-testid="window-start"
              placeholder="HH:MM"
              maxLength={5}
              inputMode="numeric"
              value={w.start}
              onChange={(e) => setWindow(i, { start: e.target.value })}
            />
          </label>
          <label className="watch-field">
            <span>{t('watchDesk.tours.end')}</span>
            <input
              className="hhmm"
              data-testid="window-end"
              placeholder="HH:MM"
              maxLength={5}
              inputMode="numeric"
              value={w.end}
              onChange={(e) => setWindow(i, { end: e.target.value })}
            />
          </label>
          <label className="watch-field">
            <span>{t('watchDesk.tours.days')}</span>
            <select
              data-testid="window-days"
              value={w.kind}
              onChange={(e) => setWindow(i, { kind: e.target.value as WindowDraft['kind'] })}
            >
              {dayKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`watchDesk.tours.${k}`)}
                </option>
              ))}
            </select>
          </label>
          {w.kind === 'specific' && (
            <div className="weekday-chips">
              {weekdays.map((d) => {
                const on = w.weekdays.includes(d);
                return (
                  <label key={d} className={on ? 'chip on' : 'chip'}>
                    <input
                      type="checkbox"
                      checked={on}
                      onChange={() =>
                        setWindow(i, {
                          weekdays: on ? w.weekdays.filter((x) => x !== d) : [...w.weekdays, d],
                        })
                      }
                    />
                    {t(`watchDesk.tours.weekday.${d}`)}
                  </label>
                );
              })}
            </div>
          )}
          <label className="watch-field">
            <span>{t('watchDesk.tours.from')}</span>
            <DateInput
              data-testid="window-from"
              value={w.from}
              onChange={(e) => setWindow(i, { from: e.target.value })}
            />
          </label>
          <label className="watch-field">
            <span>{t('watchDesk.tours.until')}</span>
            <DateInput
              data-testid="window-until"
              value={w.until}
              onChange={(e) => setWindow(i, { until: e.target.value })}
            />
          </label>
          <IconButton
            label={t('watchDesk.common.remove')}
            glyph="✕"
            onClick={() => setWindows((ws) => ws.filter((_, k) => k !== i))}
          />
        </div>
      ))}
      <div>
        <button
          type="button"
          data-testid="tour-add-window"
          onClick={() => setWindows((ws) => [...ws, newWindow()])}
        >
          {t('watchDesk.tours.addWindow')}
        </button>
      </div>

      <div className="watch-subtitle">{t('watchDesk.tours.stops')}</div>
      <CameraListEditor
        testId="tour-stops"
        items={stops}
        onChange={setStops}
        make={(cameraId) => ({ cameraId, dwellS: 30, check: '' })}
        unique={false}
        columns={[t('watchDesk.common.dwell'), t('watchDesk.tours.check')]}
        renderFields={(stop, update) => (
          <>
            <td>
              <NumberInput
                testId="stop-dwell"
                label={t('watchDesk.common.dwell')}
                value={stop.dwellS}
                onChange={(v) => update({ dwellS: v ?? Number.NaN })}
              />
            </td>
            <td>
              <input
                data-testid="stop-check"
                maxLength={500}
                placeholder={t('watchDesk.tours.checkPlaceholder')}
                aria-label={t('watchDesk.tours.check')}
                value={stop.check}
                onChange={(e) => update({ check: e.target.value })}
              />
            </td>
          </>
        )}
      />
      <div className="watch-buttons">
        <button type="submit" className="primary" data-testid="tour-save" disabled={busy}>
          {t('watchDesk.common.save')}
        </button>
        <button type="button" onClick={onClose}>
          {t('watchDesk.common.cancel')}
        </button>
      </div>
    </EditorCard>
  );
}
