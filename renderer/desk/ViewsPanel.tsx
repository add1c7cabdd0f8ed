/**
 * Named views: save what every wall shows now under a name, load one in a click (every wall
 * restored at once by the core), delete one. The list follows `views` events.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallView } from '../../shared/contract/wall';
import { formatDateTime } from '../../shared/domain/time/hall-time';
import { useTimeZone } from '../state/use-time-zone';

export interface ViewsPanelProps {
  views: readonly WallView[];
  onSave: (name: string) => Promise<boolean>;
  onLoad: (name: string) => void;
  onDelete: (name: string) => void;
}

export function ViewsPanel({ views, onSave, onLoad, onDelete }: ViewsPanelProps) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const [name, setName] = useState('');
  return (
    <section className="panel views-panel" data-testid="views-panel">
      <h2 className="panel-title">{t('view.title')}</h2>
      <form
        className="tool-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          void onSave(name.trim()).then((ok) => ok && setName(''));
        }}
      >
        <input
          data-testid="view-name"
          aria-label={t('view.name')}
          placeholder={t('view.name')}
          value={name}
          maxLength={64}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" data-testid="view-save" disabled={!name.trim()}>
          {t('view.save')}
        </button>
      </form>
      {views.length === 0 ? (
        <div className="muted">{t('view.none')}</div>
      ) : (
        <ul>
          {views.map((v) => (
            <li key={v.name} data-testid="view-row" data-view-name={v.name}>
              <span className="view-name">
                {v.name}{' '}
                <span className="muted">
                  {t('view.summary', {
                    walls: v.walls.length,
                    time: formatDateTime(v.savedAt, zone),
                  })}
                </span>
              </span>
              <button type="button" data-testid="view-load" onClick={() => onLoad(v.name)}>
                {t('view.load')}
              </button>
              <button type="button" data-testid="view-delete" onClick={() => onDelete(v.name)}>
                {t('view.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
