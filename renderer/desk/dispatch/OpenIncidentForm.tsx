/**
 * Opening an incident by hand (a call taken at the desk, something seen on the wall): category,
 * level, the place (a click on the map, or on a camera, which names the camera), address, summary.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../../shared/api';
import { incidentLevels, type IncidentLevel } from '../../../shared/contract/platform';
import { levelColour } from './dispatch-model';

/** What the form sends as `category` (the platform's words are zh-CN) and its i18n key. */
export const openCategories = [
  ['theft', '盗窃'],
  ['robbery', '抢劫'],
  ['fight', '打架斗殴'],
  ['traffic', '交通事故'],
  ['fire', '火情'],
  ['disturbance', '纠纷'],
  ['suspicious', '可疑情况'],
  ['help', '求助'],
  ['other', '其他'],
] as const;

export interface OpenDraft {
  category: string;
  level: IncidentLevel;
  place: { lat: number; lng: number } | null;
  cameraId: string | null;
  address: string;
  summary: string;
}

export const emptyDraft: OpenDraft = {
  category: '盗窃',
  level: 1,
  place: null,
  cameraId: null,
  address: '',
  summary: '',
};

export function OpenIncidentForm({
  draft,
  onDraft,
  picking,
  onPicking,
  cameras,
  onSubmit,
  onCancel,
}: {
  draft: OpenDraft;
  onDraft: (draft: OpenDraft) => void;
  picking: boolean;
  onPicking: (on: boolean) => void;
  cameras: ReadonlyMap<string, Camera> | undefined;
  onSubmit: (draft: OpenDraft) => Promise<boolean>;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const camera = draft.cameraId ? cameras?.get(draft.cameraId) : undefined;
  return (
    <form
      className="dispatch-open"
      data-testid="incident-open-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!draft.place || busy) return;
        setBusy(true);
        void onSubmit(draft).finally(() => setBusy(false));
      }}
    >
      <h2 className="panel-title">{t('dispatch.open.title')}</h2>
      <label>
        <span>{t('dispatch.open.category')}</span>
        <select
          value={draft.category}
          data-testid="incident-open-category"
          onChange={(e) => onDraft({ ...draft, category: e.target.value })}
        >
          {openCategories.map(([key, word]) => (
            <option key={key} value={word}>
              {t(`dispatch.open.categories.${key}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="dispatch-levels">
        <legend>{t('dispatch.open.level')}</legend>
        {incidentLevels.map((level) => (
          <label key={level} style={{ borderColor: levelColour[level] }}>
            <input
              type="radio"
              name="incident-level"
              checked={draft.level === level}
              data-testid={`incident-open-level-${level}`}
              onChange={() => onDraft({ ...draft, level })}
            />
            {t(`dispatch.levels.${level}`)}
          </label>
        ))}
      </fieldset>
      <div className="dispatch-place">
        <span>{t('dispatch.open.place')}</span>
        <span data-testid="incident-open-place">
          {picking
            ? t('dispatch.open.picking')
            : draft.place
              ? t('dispatch.open.placeAt', {
                  lat: draft.place.lat.toFixed(5),
                  lng: draft.place.lng.toFixed(5),
                })
              : t('dispatch.open.noPlace')}
        </span>
        <button
          type="button"
          aria-pressed={picking}
          className={picking ? 'active' : ''}
          data-testid="incident-open-pick"
          onClick={() => onPicking(!picking)}
        >
          {t('dispatch.open.pick')}
        </button>
        {camera && (
          <span className="muted">{t('dispatch.open.camera', { name: camera.name })}</span>
        )}
      </div>
      <label>
        <span>{t('dispatch.open.address')}</span>
        <input
          value={draft.address}
          maxLength={500}
          data-testid="incident-open-address"
          onChange={(e) => onDraft({ ...draft, address: e.target.value })}
        />
      </label>
      <label>
        <span>{t('dispatch.open.summary')}</span>
        <textarea
          value={draft.summary}
          maxLength={2000}
          rows={3}
          data-testid="incident-open-summary"
          onChange={(e) => onDraft({ ...draft, summary: e.target.value })}
        />
      </label>
      <div className="dispatch-actions">
        <button
          type="submit"
          className="primary"
          disabled={!draft.place || busy}
          data-testid="incident-open-submit"
        >
          {t('dispatch.open.submit')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('dispatch.open.cancel')}
        </button>
      </div>
    </form>
  );
}
