/**
 * Patrol marks for the selected camera: normal / abnormal / faulty, with an optional note, and
 * the camera shown on the map (where is the thing being marked).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, PatrolMark } from '../../shared/api';
import { patrolMarks } from '../../shared/api';
import { requestMapFocus } from '../common/map-focus';

export interface MarkPanelProps {
  camera: Camera | null;
  busy: boolean;
  onMark: (camera: Camera, mark: PatrolMark, note: string) => Promise<boolean>;
}

export function MarkPanel({ camera, busy, onMark }: MarkPanelProps) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const mark = async (value: PatrolMark) => {
    if (!camera) return;
    if (await onMark(camera, value, note.trim())) setNote('');
  };
  return (
    <section className="mark-panel" aria-labelledby="mark-title">
      <h2 className="section-title" id="mark-title" style={{ margin: 0 }}>
        {t('mark.title')}
      </h2>
      <div className={camera ? '' : 'muted'}>
        {camera ? t('mark.selected', { camera: camera.name }) : t('mark.noSelection')}
      </div>
      <input
        type="text"
        value={note}
        maxLength={2000}
        placeholder={t('mark.note')}
        aria-label={t('mark.note')}
        disabled={!camera}
        onChange={(e) => setNote(e.target.value)}
      />
      <div className="buttons">
        {patrolMarks.map((value) => (
          <button
            key={value}
            type="button"
            className={value}
            data-testid={`mark-${value}`}
            disabled={!camera || busy}
            onClick={() => void mark(value)}
          >
            {t(`mark.${value}`)}
          </button>
        ))}
        <button
          type="button"
          data-testid="mark-show-on-map"
          disabled={!camera}
          onClick={() => camera && requestMapFocus({ kind: 'camera', id: camera.id })}
        >
          {t('mapSearch.showOnMap')}
        </button>
      </div>
    </section>
  );
}
