/**
 * The desk's Dispatch tab (接处警, issue #13): the incident queue on the left, the chosen incident
 * in the middle (its facts, the units to send by road ETA, its orders, its timeline), the map on
 * the right with the units board, reinforcement and cordon beside it. Everything goes to the core
 * through the contract; the tab redraws from the `incidents`, `orders` and `units.status` streams.
 */
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area } from '../../../shared/api';
import type { Route, UnitBoardEntry } from '../../../shared/contract/dispatch';
import type { MapPaneProps } from '../../map/MapPane';
import type { CordonDrawing } from '../../map/use-dispatch-overlays';
import type { IncidentMap } from '../../state/use-incidents';
import { useOrders } from '../../state/use-orders';
import { useSession } from '../../state/use-session';
import { useUnitBoard } from '../../state/use-unit-board';
import type { SyncedState } from '../../transport/use-synced-state';
import { useClient } from '../../transport/use-client';
import { useNotice } from '../../common/use-notice';
import '../../styles/dispatch.css';
import { CordonPanel, type CordonState } from './CordonPanel';
import { emptyFilter, sortOrders, unitsOnIncident, type QueueFilter } from './dispatch-model';
import type { Run } from './dispatch-run';
import { DispatchMap } from './DispatchMap';
import { IncidentDetail } from './IncidentDetail';
import { IncidentQueue } from './IncidentQueue';
import type { WallPush } from './IncidentWall';
import { emptyDraft, OpenIncidentForm, type OpenDraft } from './OpenIncidentForm';
import { OrdersPanel } from './OrdersPanel';
import { RecommendPanel } from './RecommendPanel';
import { ReinforcePanel } from './ReinforcePanel';
import { UnitsBoard } from './UnitsBoard';
import { useNow } from './use-now';

export interface DispatchPaneProps {
  map: MapPaneProps;
  areas: ReadonlyMap<string, Area> | undefined;
  incidents: SyncedState<IncidentMap>;
  flashing: ReadonlySet<string>;
  visible: boolean;
}

const tools = ['units', 'reinforce', 'cordon'] as const;
type Tool = (typeof tools)[number];
const NO_INCIDENTS: IncidentMap = new Map();

export function DispatchPane({ map, areas, incidents, flashing, visible }: DispatchPaneProps) {
  const { t } = useTranslation();
  const client = useClient();
  const role = useSession().value?.operator?.role;
  const chief = role === 'chief' || role === 'admin';
  const now = useNow(1_000);
  const openOrders = useOrders();
  const board = useUnitBoard();
  const [selectedId, setSelectedId] = useState<string | null>(() =>
    new URLSearchParams(window.location.search).get('incident'),
  );
  const incidentOrders = useOrders(selectedId ?? '__none__');
  const [filter, setFilter] = useState<QueueFilter>(emptyFilter);
  const [draft, setDraft] = useState<OpenDraft | null>(null);
  const [picking, setPicking] = useState(false);
  const [tool, setTool] = useState<Tool | null>('units');
  const [routes, setRoutes] = useState<Route[]>([]);
  const [cordon, setCordon] = useState<CordonState | null>(null);
  // Where each incident's cameras went on the wall (kept while the chief looks at another one).
  const [wallPushes, setWallPushes] = useState<ReadonlyMap<string, WallPush>>(new Map());
  const onWallPush = useCallback((push: WallPush) => {
    setWallPushes((before) => {
      const next = new Map(before);
      // One playback per set of tiles: another incident on the same tiles no longer plays there.
      for (const [id, other] of before)
        if (
          id !== push.incidentId &&
          other.wallId === push.wallId &&
          other.tileIndexes.some((i) => push.tileIndexes.includes(i))
        )
          next.delete(id);
      next.set(push.incidentId, push);
      return next;
    });
  }, []);
  const [centre, setCentre] = useState<{
    lat: number;
    lng: number;
    zoom?: number;
    nonce: number;
  } | null>(null);
  // Successes go in seconds, errors later (issue #15: a "saved" stayed 20 minutes).
  const [notice, setNotice] = useNotice();

  const all = incidents.value ?? NO_INCIDENTS;
  const list = useMemo(() => [...all.values()], [all]);
  const selected = selectedId ? all.get(selectedId) : undefined;
  const openOrderList = useMemo(() => [...(openOrders.value?.values() ?? [])], [openOrders.value]);
  const orders = useMemo(() => sortOrders(incidentOrders.value?.values() ?? []), [incidentOrders]);
  const onIt = useMemo(
    () => (selectedId ? unitsOnIncident(orders, selectedId) : new Set<string>()),
    [orders, selectedId],
  );

  const run: Run = useCallback(
    async (method, input, done) => {
      const answer = await client.call(method, input);
      if (!answer.ok) {
        setNotice({
          text: t('dispatch.failed', {
            what: method,
            message: `${t(`errors.${answer.error.code}`)} (${answer.error.message})`,
          }),
          error: true,
        });
        return null;
      }
      const text = done?.(answer.value) ?? null;
      if (text) setNotice({ text, error: false });
      return answer.value;
    },
    [client, setNotice, t],
  );

  const select = useCallback((id: string) => {
    setSelectedId(id);
    setDraft(null);
    setPicking(false);
    setRoutes([]);
  }, []);
  const onPick = useCallback((place: { lat: number; lng: number }, cameraId: string | null) => {
    setPicking(false);
    setDraft((before) => (before ? { ...before, place, cameraId } : before));
  }, []);
  const locate = useCallback(
    (unit: UnitBoardEntry) =>
      setCentre((c) => ({ lat: unit.lat, lng: unit.lng, nonce: (c?.nonce ?? 0) + 1 })),
    [],
  );
  const showAt = useCallback(
    (place: { lat: number; lng: number }, zoom: number) =>
      setCentre((c) => ({ lat: place.lat, lng: place.lng, zoom, nonce: (c?.nonce ?? 0) + 1 })),
    [],
  );
  const submitDraft = useCallback(
    async (d: OpenDraft): Promise<boolean> => {
      if (!d.place) return false;
      const camera = d.cameraId ? map.cameras?.get(d.cameraId) : undefined;
      const opened = await run(
        'incident.open',
        {
          category: d.category,
          level: d.level,
          lat: d.place.lat,
          lng: d.place.lng,
          address: d.address.trim() || camera?.name || '',
          summary: d.summary.trim(),
          ...(d.cameraId ? { cameraId: d.cameraId } : {}),
        },
        (incident) =>
          incident.provisional
            ? t('dispatch.open.openedProvisional')
            : t('dispatch.open.opened', { number: incident.number }),
      );
      if (!opened) return false;
      setDraft(null);
      setSelectedId(opened.id);
      return true;
    },
    [map.cameras, run, t],
  );

  const cordonDrawing = useMemo((): CordonDrawing | null => {
    if (!cordon || cordon.incidentId !== selectedId) return null;
    const assigned = new Map<string, { lat: number; lng: number; callSign: string }>();
    for (const exit of cordon.plan.exits) {
      const unitId = cordon.assignment[exit.id];
      const unit = unitId ? board.value?.get(unitId) : undefined;
      if (unit) assigned.set(exit.id, { lat: unit.lat, lng: unit.lng, callSign: unit.callSign });
    }
    return {
      plan: cordon.plan,
      assigned,
      words: { exit: t('dispatch.cordon.exitGlyph') },
    };
  }, [cordon, selectedId, board.value, t]);

  const loading =
    incidents.value === undefined
      ? incidents.error
        ? t('dispatch.failed', { what: 'incident.list', message: incidents.error.message })
        : t('dispatch.loading')
      : null;

  return (
    <div className="dispatch-pane" data-testid="dispatch-pane">
      <IncidentQueue
        incidents={list}
        orders={openOrderList}
        areas={areas}
        filter={filter}
        onFilter={setFilter}
        selectedId={selectedId}
        onSelect={select}
        flashing={flashing}
        now={now}
        loading={loading}
        onOpenByHand={() => {
          setDraft(emptyDraft);
          setPicking(true);
        }}
      />
      <section className="dispatch-middle">
        {draft ? (
          <OpenIncidentForm
            draft={draft}
            onDraft={setDraft}
            picking={picking}
            onPicking={setPicking}
            cameras={map.cameras}
            onSubmit={submitDraft}
            onCancel={() => {
              setDraft(null);
              setPicking(false);
            }}
          />
        ) : selected ? (
          <IncidentDetail
            key={selected.id}
            incident={selected}
            incidents={all}
            areas={areas}
            cameras={map.cameras}
            chief={chief}
            now={now}
            run={run}
            onSelect={select}
            wallPush={wallPushes.get(selected.id) ?? null}
            onWallPush={onWallPush}
          >
            {selected.status !== 'closed' &&
              selected.status !== 'cancelled' &&
              selected.status !== 'merged' && (
                <RecommendPanel
                  incident={selected}
                  onIt={onIt}
                  chief={chief}
                  run={run}
                  onRoutes={setRoutes}
                />
              )}
            <OrdersPanel orders={orders} now={now} />
          </IncidentDetail>
        ) : (
          <div className="muted dispatch-none">{t('dispatch.detail.none')}</div>
        )}
        <div
          className={`dispatch-notice${notice?.error ? ' error' : ''}`}
          role="status"
          aria-live="polite"
          data-testid="dispatch-notice"
        >
          {notice?.text}
        </div>
      </section>
      <section className={`dispatch-mapcol${tool ? ' with-tool' : ''}`}>
        <div className="dispatch-map">
          <DispatchMap
            pane={map}
            visible={visible}
            layers={{
              incidents: list,
              selectedId,
              onSelect: select,
              flashing,
              now: Math.floor(now / 30_000) * 30_000,
              routes,
              cordon: cordonDrawing,
              picking,
              picked: draft?.place ?? null,
              onPick,
              centre,
            }}
          />
        </div>
        <aside className="dispatch-tools">
          <div className="dispatch-tool-tabs" role="tablist">
            {tools.map((name) => (
              <button
                key={name}
                type="button"
                role="tab"
                aria-selected={tool === name}
                className={tool === name ? 'active' : ''}
                data-testid={`dispatch-tool-${name}`}
                onClick={() => setTool(tool === name ? null : name)}
              >
                {t(`dispatch.tools.${name}`)}
              </button>
            ))}
          </div>
          {tool && (
            <div className="dispatch-tool-body">
              {tool === 'units' && (
                <UnitsBoard board={board.value} incidents={all} areas={areas} onLocate={locate} />
              )}
              {tool === 'reinforce' && (
                <ReinforcePanel
                  incident={selected ?? null}
                  chief={chief}
                  run={run}
                  onShow={showAt}
                />
              )}
              {tool === 'cordon' && (
                <CordonPanel
                  incident={selected ?? null}
                  chief={chief}
                  run={run}
                  now={now}
                  cordon={cordon}
                  onCordon={setCordon}
                />
              )}
            </div>
          )}
        </aside>
      </section>
    </div>
  );
}
