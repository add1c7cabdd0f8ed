/**
 * The desk's main area as two tabs: 电视墙 / Walls (the wall miniatures, as before, rendered by
 * DeskView and hidden while the map shows) and 地图 / Map. The map is loaded on first use
 * (Leaflet stays out of the wall windows' start-up) and then kept mounted, so a replay or a
 * report survives a look at the walls. `?tab=map` opens the desk on the map.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../styles/map.css';
import type { MapPaneProps } from './MapPane';

const MapPane = lazy(() => import('./MapPane').then((m) => ({ default: m.MapPane })));

export type DeskTab = 'walls' | 'map';

export function DeskTabs({
  tab,
  onTab,
  map,
}: {
  tab: DeskTab;
  onTab: (tab: DeskTab) => void;
  map: MapPaneProps;
}) {
  const { t } = useTranslation();
  const [mapOpened, setMapOpened] = useState(false);
  useEffect(() => {
    if (new URLSearchParams(window.location.search).get('tab') === 'map') onTab('map');
  }, [onTab]);
  if (tab === 'map' && !mapOpened) setMapOpened(true);
  return (
    <>
      <div className="desk-tabs" role="tablist">
        {(['walls', 'map'] as const).map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'active' : ''}
            data-testid={`desk-tab-${name}`}
            onClick={() => onTab(name)}
          >
            {t(`map.deskTabs.${name}`)}
          </button>
        ))}
      </div>
      {mapOpened && (
        <div className="desk-map" hidden={tab !== 'map'}>
          <Suspense fallback={<div className="muted">…</div>}>
            <MapPane {...map} visible={tab === 'map'} />
          </Suspense>
        </div>
      )}
    </>
  );
}
