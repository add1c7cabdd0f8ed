/**
 * The desk's main area as tabs: 电视墙 / Walls (the wall miniatures, as before, rendered by
 * DeskView and hidden while another tab shows), 地图 / Map and 巡查 / Watch (rotation, tours,
 * focus: renderer/desk/watch), and for a duty chief or an administrator 审计 / Audit (the record,
 * renderer/desk/audit), 接处警 / Dispatch (incidents, units, orders: renderer/desk/dispatch) and 健康 /
 * Health (online rate, fault tickets: renderer/desk/health; the weekly report is its own page) and
 * 研判 / Analysis (products, hot spots, warnings, roll calls, scores: renderer/desk/analysis). The
 * map, the watch, the dispatch and the audit screens are loaded on first use (Leaflet stays out of
 * the wall windows' start-up) and then kept mounted, so a replay, a report or a half-filled editor
 * survives a look at the walls. `?tab=map` / `?tab=watch` / `?tab=dispatch` / `?tab=health` opens
 * that tab (and `?tab=analysis`). New
 * incidents are heard and counted on the tab whichever tab is shown (useIncidentAlarm).
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../styles/map.css';
import { TabBar } from './TabBar';
import { pendingMapFocus, subscribeMapFocus } from '../common/map-focus';
import { useIncidents } from '../state/use-incidents';
import { useSession } from '../state/use-session';
import { useIncidentAlarm } from './dispatch/use-incident-alarm';
import type { WatchPaneProps } from './watch/WatchPane';
import type { MapPaneProps } from '../map/MapPane';

const MapPane = lazy(() => import('../map/MapPane').then((m) => ({ default: m.MapPane })));
const WatchPane = lazy(() => import('./watch/WatchPane').then((m) => ({ default: m.WatchPane })));
const DispatchPane = lazy(() =>
  import('./dispatch/DispatchPane').then((m) => ({ default: m.DispatchPane })),
);
const HealthPane = lazy(() =>
  import('./health/HealthPane').then((m) => ({ default: m.HealthPane })),
);
const AnalysisPane = lazy(() =>
  import('./analysis/AnalysisPane').then((m) => ({ default: m.AnalysisPane })),
);
const AuditPane = lazy(() => import('./audit/AuditPane').then((m) => ({ default: m.AuditPane })));

export const deskTabs = [
  'walls',
  'map',
  'dispatch',
  'watch',
  'audit',
  'health',
  'analysis',
] as const;
export type DeskTab = (typeof deskTabs)[number];
/** The tabs a watcher has: the audit log is a duty chief's or an administrator's (access.ts). */
const watcherTabs = deskTabs.filter((name) => name !== 'audit');

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
  const [auditOpened, setAuditOpened] = useState(false);
  const [dispatchOpened, setDispatchOpened] = useState(false);
  const [healthOpened, setHealthOpened] = useState(false);
  const [analysisOpened, setAnalysisOpened] = useState(false);
  const incidents = useIncidents();
  const alarm = useIncidentAlarm(incidents.value);
  const role = useSession().value?.operator?.role;
  const mayAudit = role === 'chief' || role === 'admin';
  // A handover to a watcher leaves the audit tab: back to the walls, the record unmounted.
  useEffect(() => {
    if (!mayAudit && tab === 'audit') onTab('walls');
  }, [mayAudit, tab, onTab]);
  // "Show on map" from the tree (or anywhere): the map tab comes forward and takes the request.
  useEffect(
    () =>
      subscribeMapFocus(() => {
        if (pendingMapFocus()) onTab('map');
      }),
    [onTab],
  );
  useEffect(() => {
    const asked = new URLSearchParams(window.location.search).get('tab');
    if (
      asked === 'map' ||
      asked === 'watch' ||
      asked === 'dispatch' ||
      asked === 'health' ||
      asked === 'analysis'
    )
      onTab(asked);
  }, [onTab]);
  if (tab === 'map' && !mapOpened) setMapOpened(true);
  if (tab === 'watch' && !watchOpened) setWatchOpened(true);
  if (tab === 'dispatch' && !dispatchOpened) setDispatchOpened(true);
  if (tab === 'health' && !healthOpened) setHealthOpened(true);
  if (tab === 'analysis' && !analysisOpened) setAnalysisOpened(true);
  if (tab === 'audit' && mayAudit && !auditOpened) setAuditOpened(true);
  if (!mayAudit && auditOpened) setAuditOpened(false);
  return (
    <>
      <TabBar
        className="desk-tabs"
        names={mayAudit ? deskTabs : watcherTabs}
        value={tab}
        onChange={onTab}
        testIdPrefix="desk-tab"
        label={(name) =>
          name === 'watch'
            ? t('watchDesk.title')
            : name === 'audit'
              ? t('audit.tab')
              : name === 'health'
                ? t('health.tab')
                : name === 'analysis'
                  ? t('analysis.tab')
                  : name === 'dispatch'
                    ? alarm.newCount > 0
                      ? t('dispatch.tabNew', { count: alarm.newCount })
                      : t('dispatch.tab')
                    : t(`map.deskTabs.${name}`)
        }
      />
      {mapOpened && (
        <div className="desk-map" hidden={tab !== 'map'}>
          <Suspense fallback={<div className="muted">…</div>}>
            <MapPane {...map} visible={tab === 'map'} />
          </Suspense>
        </div>
      )}
      {dispatchOpened && (
        <div className="desk-dispatch" hidden={tab !== 'dispatch'}>
          <Suspense fallback={<div className="muted">…</div>}>
            <DispatchPane
              map={map}
              areas={watch.areas}
              incidents={incidents}
              flashing={alarm.flashing}
              visible={tab === 'dispatch'}
            />
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
      {healthOpened && (
        <div className="desk-health" hidden={tab !== 'health'}>
          <Suspense fallback={<div className="muted">…</div>}>
            <HealthPane visible={tab === 'health'} map={map} />
          </Suspense>
        </div>
      )}
      {analysisOpened && (
        <div className="desk-analysis" hidden={tab !== 'analysis'}>
          <Suspense fallback={<div className="muted">…</div>}>
            <AnalysisPane visible={tab === 'analysis'} map={map} />
          </Suspense>
        </div>
      )}
      {auditOpened && (
        <div className="desk-audit" hidden={tab !== 'audit'}>
          <Suspense fallback={<div className="muted">…</div>}>
            <AuditPane visible={tab === 'audit'} />
          </Suspense>
        </div>
      )}
    </>
  );
}
