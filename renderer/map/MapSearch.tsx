/**
 * The map's search box (issue #15): type part of a camera's, a place's or a unit's name, a call
 * sign or an id (zh-CN as typed by an IME, full-width or not); the best matches list under it,
 * ↑/↓ moves through them, Enter or a click centres the map on one and highlights it (MapPane).
 * Esc clears. The search itself is map-search.ts.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchMap, type SearchEntry, type SearchIndex } from './map-search';

const LIMIT = 30;

export function MapSearch({
  index,
  onChoose,
  onClear,
}: {
  index: SearchIndex;
  onChoose: (entry: SearchEntry) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const deferred = useDeferredValue(query);
  const result = useMemo(() => searchMap(index, deferred, LIMIT), [index, deferred]);
  const hits = result.hits;
  const current = Math.min(active, Math.max(0, hits.length - 1));

  const choose = (entry: SearchEntry | undefined): void => {
    if (!entry) return;
    setOpen(false);
    onChoose(entry);
  };
  const clear = (): void => {
    setQuery('');
    setOpen(false);
    setActive(0);
    onClear();
  };

  const kindLabel = (entry: SearchEntry): string =>
    entry.kind === 'area' && entry.detail && entry.detail in levelKeys
      ? t(`mapSearch.areaLevel.${entry.detail as keyof typeof levelKeys}`)
      : t(`mapSearch.kind.${entry.kind}`);

  return (
    <div className="map-search" role="search" data-testid="map-search">
      <div className="map-search-box">
        <input
          type="search"
          data-testid="map-search-input"
          value={query}
          placeholder={t('mapSearch.placeholder')}
          aria-label={t('mapSearch.label')}
          aria-expanded={open && query.trim() !== ''}
          aria-controls="map-search-results"
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => {
            setQuery(event.target.value);
            setActive(0);
            setOpen(true);
            if (event.target.value === '') onClear();
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={(event) => {
            if (event.nativeEvent.isComposing) return; // an IME is still composing 中文
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              setOpen(true);
              setActive(Math.min(current + 1, hits.length - 1));
            } else if (event.key === 'ArrowUp') {
              event.preventDefault();
              setActive(Math.max(current - 1, 0));
            } else if (event.key === 'Enter') {
              event.preventDefault();
              // Enter right after typing: search what was typed, not the deferred text.
              const now = deferred === query ? hits : searchMap(index, query, LIMIT).hits;
              choose(now[deferred === query ? current : 0]);
            } else if (event.key === 'Escape') {
              clear();
            }
          }}
        />
        {query !== '' && (
          <button
            type="button"
            className="map-search-clear"
            data-testid="map-search-clear"
            title={t('mapSearch.clear')}
            aria-label={t('mapSearch.clear')}
            onClick={clear}
          >
            ×
          </button>
        )}
      </div>
      {open && deferred.trim() !== '' && (
        <div className="map-search-results">
          <div className="map-search-status" data-testid="map-search-status">
            {result.total === 0
              ? t('mapSearch.none', { query: deferred.trim() })
              : t('mapSearch.total', { count: result.total }) +
                (result.total > hits.length
                  ? ` · ${t('mapSearch.shown', { count: hits.length })}`
                  : '')}
          </div>
          {hits.length > 0 && (
            <ul id="map-search-results" role="listbox" aria-label={t('mapSearch.label')}>
              {hits.map((entry, i) => (
                <li
                  key={`${entry.kind}:${entry.id}`}
                  role="option"
                  aria-selected={i === current}
                  className={i === current ? 'active' : ''}
                  data-testid="map-search-hit"
                  data-kind={entry.kind}
                  data-id={entry.id}
                  // mousedown, not click: the input's blur must not close the list first.
                  onMouseDown={(event) => {
                    event.preventDefault();
                    choose(entry);
                  }}
                  onMouseEnter={() => setActive(i)}
                >
                  <span className={`map-search-kind kind-${entry.kind}`}>{kindLabel(entry)}</span>
                  <span className="name" title={entry.name}>
                    {entry.name}
                  </span>
                  {entry.detail && entry.kind !== 'area' && (
                    <span className="muted">{entry.detail}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

const levelKeys = { region: true, zone: true, grid: true } as const;
