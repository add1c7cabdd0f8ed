/**
 * The desk's main area as tabs: 电视墙 / Walls (the wall miniatures, as before, rendered by
 * DeskView and hidden while another tab shows), 地图 / Map and 巡查 / Watch (rotation, tours,
 * focus: renderer/desk/watch). The map and the watch screens are loaded on first use (Leaflet
 * stays out of the wall windows' start-up) and then kept mounted, so a replay, a report or a
 * half-filled editor survives a look at the walls. `?tab=map` / `?tab=watch` opens that tab.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../styles/map.css';
import { TabBar } from '../desk/TabBar';
import type { WatchPaneProps } from '../desk/watch/WatchPane';
import type { MapPaneProps } from './MapPane';

const MapPane = lazy(() => import('./MapPane').then((m) => ({ default: m.MapPane })));
const WatchPane = lazy(() =>
  import('../desk/watch/WatchPane').then((m) => ({ default: m.WatchPane })),
);

export const deskTabs = ['walls', 'map', 'watch'] as const;
export type DeskTab = (typeof deskTabs)[number];

export function DeskTabs({
  tab,
  onTab,
  map,
  watch,
}: {
  tab: DeskTab;
  onTab: (tab: DeskTab) => void;
  map: MapPaneProps;
  watch: WatchPaneProps;
}) {
  const { t } = useTranslation();
  const [mapOpened, setMapOpened] = useState(false);
  const [watchOpened, setWatchOpened] = useState(false);
  useEffect(() => {
    const asked = new URLSearchParams(window.location.search).get('tab');
    if (asked === 'map' || asked === 'watch') onTab(asked);
  }, [onTab]);
  if (tab === 'map' && !mapOpened) setMapOpened(true);
  if (tab === 'watch' && !watchOpened) setWatchOpened(true);
  return (
    <>
      <TabBar
        className="desk-tabs"
        names={deskTabs}
        value={tab}
        onChange={onTab}
        testIdPrefix="desk-tab"
        label={(name) => (name === 'watch' ? t('watchDesk.title') : t(`map.deskTabs.${name}`))}
      />
      {mapOpened && (
        <div className="desk-map" hidden={tab !== 'map'}>
          <Suspense fallback={<div className="muted">…</div>}>
            <MapPane {...map} visible={tab === 'map'} />
          </Suspense>
        </div>
      )}
      {watchOpened && (
        <div className="desk-watch" hidden={tab !== 'watch'}>
          <Suspense fallback={<div className="muted">…</div>}>
            <WatchPane {...watch} />
          </Suspense>
        </div>
      )}
    </>
  );
}
