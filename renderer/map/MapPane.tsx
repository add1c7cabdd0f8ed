/**
 * The tactical map (issue #5): base tiles, 26,000 cameras on one canvas, the district's areas as
 * toggleable layers, 400 live units in their own pane, and a side panel for a unit's card, track
 * replay, the daily compliance review, radius search (right-click) and lasso / circle selection
 * (a rotation group, a focus set or the wall from a drawn shape). Cameras and unit cameras
 * go to the desk's current wall target tile (`wall.assign`, through the desk's `onAssign`).
 * A search box finds cameras, places and units (MapSearch); "show on map" requests from the rest
 * of the desk (renderer/common/map-focus.ts) are centred and highlighted the same way; recent
 * alerts are markers; the base layer's tiles are retried and its state shown.
 */
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { Camera, CameraStatus } from '../../shared/api';
import type { RadiusResult, UnitState } from '../../shared/contract/map';
import type { HealthMark } from '../../shared/contract/health';
import { shapeTest, type SelectShape } from '../../shared/domain/geo/selection';
import { takeMapFocus, useMapFocus } from '../common/map-focus';
import type { WallTarget } from '../common/wall-target';
import { useMapSetup } from '../state/use-map-setup';
import { useUnits } from '../state/use-units';
import { useClient } from '../transport/use-client';
import '../styles/map.css';
import { CameraPopup } from './CameraPopup';
import { CompliancePanel } from './CompliancePanel';
import { escapeHtml } from './html-text';
import {
  cameraKindColour,
  OFFLINE_CAMERA,
  PICTURE_FAULT_RING,
  projector,
  TICKET_RING,
} from './map-style';
import { RadiusPanel } from './RadiusPanel';
import { SelectionPanel } from './SelectionPanel';
import { TrackPanel, type TrackRequest } from './TrackPanel';
import { UnitCard } from './UnitCard';
import { useAreaLayers } from './use-area-layers';
import { useBaseLayer } from './use-base-layer';
import { useCameraLayer } from './use-camera-layer';
import { useMapEventEffect } from './use-map-event';
import { useMapPopup } from './use-map-popup';
import { useSelectDraw, type DrawMode } from './use-select-draw';
import { useUnitMarkers } from './use-unit-markers';
import { useAlertMarkers } from './use-alert-markers';
import { MapSearch } from './MapSearch';
import { buildSearchIndex, resolveFocus, type SearchEntry } from './map-search';
import { useSearchFocus } from './use-search-focus';
import { useLabelDeclutter } from './use-label-declutter';
import type { CameraCanvasLayer } from './camera-layer';

type Tab = 'unit' | 'tracks' | 'compliance' | 'radius' | 'select';
const tabs: readonly Tab[] = ['unit', 'tracks', 'compliance', 'radius', 'select'];
/** Selected cameras drawn one by one up to this many (beyond it the shape alone shows them). */
const MARK_LIMIT = 400;
const RADIUS_M = 300;
/** On a wall (read from 3 m), camera dots this many times their desk size. */
const WALL_DOT_SCALE = 2.5;

export interface MapPaneProps {
  cameras: ReadonlyMap<string, Camera> | undefined;
  statuses: ReadonlyMap<string, CameraStatus>;
  /** Health marks (issue #16): cameras with a bad picture or an open ticket are ringed. */
  health?: ReadonlyMap<string, HealthMark>;
  target: WallTarget | null;
  onAssign: (cameraId: string, target: WallTarget) => void;
  /** The desk's last notice (e.g. "camera → wall 1, tile 3"), shown under the side panel. */
  notice: string | null;
  /** False while the Walls tab is shown (Leaflet must re-measure when it comes back). */
  visible?: boolean;
  /** On a wall (WallMap): the map alone, no side panel, selection, popups or right-click. */
  readOnly?: boolean;
  /** Another screen's layers on this map (the Dispatch tab: incidents, routes, the cordon). */
  overlay?: (map: L.Map, place: (lat: number, lng: number) => [number, number]) => ReactNode;
  /** The caller has its own side panel (the Dispatch tab): no side panel, no right-click here. */
  bare?: boolean;
}

export function MapPane({
  cameras,
  statuses,
  health,
  target,
  onAssign,
  notice,
  visible = true,
  readOnly = false,
  overlay,
  bare = false,
}: MapPaneProps) {
  const { t } = useTranslation();
  const client = useClient();
  const { tileInfo, geometry } = useMapSetup();
  const units = useUnits();
  const [map, setMap] = useState<L.Map | null>(null);
  const [baseLayer, setBaseLayer] = useState<L.TileLayer | null>(null);
  const [cameraLayer, setCameraLayer] = useState<CameraCanvasLayer | null>(null);
  const [unitLayer, setUnitLayer] = useState<L.LayerGroup | null>(null);
  const [alertLayer, setAlertLayer] = useState<L.LayerGroup | null>(null);
  const [focus, setFocus] = useState<{
    entry: SearchEntry;
    lat: number;
    lng: number;
    seq: number;
  } | null>(null);
  const [focusMissing, setFocusMissing] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('tracks');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [radius, setRadius] = useState<RadiusResult | null>(null);
  const [drawMode, setDrawMode] = useState<DrawMode>('off');
  const [selection, setSelection] = useState<{ shape: SelectShape; ids: string[] } | null>(null);
  const [popup, setPopup] = useState<{ camera: Camera; at: L.LatLng; element: HTMLElement } | null>(
    null,
  );
  const [trackRequest, setTrackRequest] = useState<TrackRequest>({
    callSigns: '',
    window: { mode: 'recent', range: 'm10' },
    nonce: 0,
  });

  const crs = tileInfo?.crs;
  const place = useMemo(() => projector(crs), [crs]);

  // The map is created with its element and removed with it (React 19 ref cleanup).
  const mapRef = useCallback((element: HTMLDivElement | null) => {
    if (!element) return;
    const created = L.map(element, {
      center: [35.4, 116.97],
      zoom: 11,
      zoomControl: true,
      attributionControl: true,
      worldCopyJump: false,
    });
    created.createPane('labels').style.zIndex = '420';
    created.createPane('cameras').style.zIndex = '450';
    created.createPane('tracks').style.zIndex = '480';
    created.createPane('posts').style.zIndex = '610';
    created.createPane('units').style.zIndex = '620';
    created.attributionControl.setPrefix(false);
    // For tests and benches: the Leaflet map behind the element (zoom to a street, read state).
    (element as HTMLElement & { vigilMap?: L.Map }).vigilMap = created;
    setMap(created);
    return () => {
      delete (element as HTMLElement & { vigilMap?: L.Map }).vigilMap;
      setMap(null);
      created.remove();
    };
  }, []);

  const tooltipEvents = useMemo(() => {
    const tooltip = L.tooltip({ direction: 'top', offset: [0, -6], className: 'map-tooltip' });
    return {
      onHover: (camera: Camera | null, at: L.LatLng | null) => {
        if (!map) return;
        if (!camera || !at) {
          map.closeTooltip(tooltip);
          return;
        }
        tooltip.setContent(escapeHtml(camera.name)).setLatLng(at);
        map.openTooltip(tooltip);
      },
      onClick: (camera: Camera, at: L.LatLng) => {
        if (readOnly) return;
        setPopup({ camera, at, element: document.createElement('div') });
      },
    };
  }, [map, readOnly]);

  const base = useBaseLayer(map, tileInfo, setBaseLayer);
  useCameraLayer(
    map,
    cameras,
    statuses,
    place,
    tooltipEvents,
    setCameraLayer,
    readOnly ? WALL_DOT_SCALE : 1,
    health,
  );
  // Names that would write over each other give way to the more important (call signs of units
  // side by side were a smear on the desk too); on a wall names are drawn over the dots and
  // units as well (under them, a station's name was lost among the dots).
  useLabelDeclutter(map, true);
  useEffect(() => {
    const labels = map?.getPane('labels');
    if (!labels || !readOnly) return;
    labels.style.zIndex = '630';
    return () => {
      labels.style.zIndex = '420';
    };
  }, [map, readOnly]);
  const selectUnit = useCallback((id: string) => {
    setUnitId(id);
    setTab('unit');
  }, []);
  useUnitMarkers(map, units.value, place, selectUnit, setUnitLayer);
  const alerts = useAlertMarkers(map, place, !readOnly && !bare, setAlertLayer);
  useAreaLayers(map, geometry, place, {
    base: baseLayer,
    cameras: cameraLayer,
    units: unitLayer,
    alerts: alertLayer,
  });

  // The search: cameras and places rebuilt when they change, units when one is added or renamed
  // (not on every fix: a unit's position is read when it is chosen).
  const unitKey = useMemo(
    () =>
      [...(units.value?.values() ?? [])]
        .map((u) => `${u.unitId}\u0001${u.callSign}`)
        .join('\u0002'),
    [units.value],
  );
  const searchIndex = useMemo(
    () =>
      buildSearchIndex({
        cameras: cameras?.values(),
        geometry,
        alerts,
        units: unitKey
          .split('\u0002')
          .filter(Boolean)
          .map((line) => {
            const [unitId = '', callSign = ''] = line.split('\u0001');
            return { unitId, callSign, lat: 0, lng: 0 };
          }),
      }),
    [cameras, geometry, alerts, unitKey],
  );
  const unitMap = units.value;
  const seqRef = useRef(0);
  const showEntry = useCallback(
    (entry: SearchEntry) => {
      const live = entry.kind === 'unit' ? unitMap?.get(entry.id) : undefined;
      seqRef.current++;
      setFocusMissing(null);
      setFocus({
        entry,
        lat: live?.lat ?? entry.lat,
        lng: live?.lng ?? entry.lng,
        seq: seqRef.current,
      });
    },
    [unitMap],
  );
  const clearFocus = useCallback(() => setFocus(null), []);
  const sayMissing = useCallback((name: string) => setFocusMissing(name), []);
  useSearchFocus(map, focus, place);

  // "Show on map" from the tree, an alert …: taken by the desk's own map (not a wall's, not the
  // dispatch tab's) once what it names is known.
  const pendingFocus = useMapFocus();
  useEffect(() => {
    if (!pendingFocus || readOnly || bare || !map) return;
    const { request, seq } = pendingFocus;
    const entry = resolveFocus(request, searchIndex.entries, cameras);
    if (!entry) {
      // The catalog or the geometry may not have arrived yet: wait for them, then say so.
      if (!cameras || !geometry) return;
      // A request from outside React (the map-focus store) taken here, once: not a render loop.
      // eslint-disable-next-line react-hooks/set-state-in-effect
      sayMissing('id' in request ? request.id : request.label);
      takeMapFocus(seq);
      return;
    }
    showEntry(entry);
    takeMapFocus(seq);
  }, [pendingFocus, readOnly, bare, map, searchIndex, cameras, geometry, showEntry, sayMissing]);
  useMapPopup(map, popup, () => setPopup(null));
  useEffect(() => {
    if (map && visible) map.invalidateSize();
  }, [map, visible]);

  // Lasso / circle: the shape is in the drawn datum, so each camera is placed the same way.
  const onShape = useCallback(
    (shape: SelectShape) => {
      const inside = shapeTest(shape);
      const ids: string[] = [];
      for (const camera of cameras?.values() ?? []) {
        const [lat, lng] = place(camera.lat, camera.lng);
        if (inside({ lat, lng })) ids.push(camera.id);
      }
      setSelection({ shape, ids });
      setTab('select');
    },
    [cameras, place],
  );
  useSelectDraw(map, drawMode, onShape);
  // The selection stays drawn (its shape, and its cameras ringed) while it is kept.
  useEffect(() => {
    if (!map || !selection) return;
    const style = { color: '#f2c14e', weight: 2, fillOpacity: 0.07, interactive: false };
    const { shape, ids } = selection;
    const group = L.layerGroup([
      shape.kind === 'circle'
        ? L.circle([shape.centre.lat, shape.centre.lng], { ...style, radius: shape.radiusM })
        : L.polygon(
            shape.ring.map(([lng, lat]) => [lat, lng] as [number, number]),
            style,
          ),
    ]).addTo(map);
    for (const id of ids.slice(0, MARK_LIMIT)) {
      const camera = cameras?.get(id);
      if (!camera) continue;
      L.circleMarker(place(camera.lat, camera.lng), {
        radius: 6,
        color: '#f2c14e',
        weight: 2,
        fill: false,
        interactive: false,
        pane: 'tracks',
        className: 'selected-camera',
      }).addTo(group);
    }
    const container = map.getContainer();
    container.dataset.selectedCount = String(ids.length);
    return () => {
      delete container.dataset.selectedCount;
      group.remove();
    };
  }, [map, selection, cameras, place]);
  const clearSelection = useCallback(() => setSelection(null), []);

  // Right-click: what is around this point.
  const onContext = useCallback(
    async (event: L.LeafletMouseEvent) => {
      if (readOnly || bare) return;
      // The click was on the drawn (possibly shifted) map; the core works in WGS-84.
      const { lat, lng } = event.latlng;
      const wgs = crs === 'GCJ02' ? unshift(place, lat, lng) : { lat, lng };
      const answer = await client.call('map.radius', {
        ...wgs,
        radiusM: RADIUS_M,
        cameraLimit: 50,
        unitLimit: 8,
      });
      if (answer.ok) {
        setRadius(answer.value);
        setTab('radius');
      }
    },
    [client, crs, place, readOnly, bare],
  );
  useMapEventEffect(map, 'contextmenu', onContext);

  const unit = unitId ? units.value?.get(unitId) : undefined;
  const unitCamera = unit?.cameraId ? cameras?.get(unit.cameraId) : undefined;
  const send = useCallback(
    (cameraId: string, at: WallTarget) => onAssign(cameraId, at),
    [onAssign],
  );
  const locate = useCallback(
    (u: UnitState) => map?.setView(place(u.lat, u.lng), Math.max(map.getZoom(), 15)),
    [map, place],
  );
  const replay = useCallback((callSign: string, window: TrackRequest['window']) => {
    setTrackRequest((previous) => ({ callSigns: callSign, window, nonce: previous.nonce + 1 }));
    setTab('tracks');
  }, []);

  const unitList = units.value;
  const counts = useMemo(() => {
    let stale = 0;
    for (const u of unitList?.values() ?? []) if (u.stale || u.status === 'offline') stale++;
    return { units: unitList?.size ?? 0, stale };
  }, [unitList]);

  return (
    <div
      className={readOnly ? 'map-pane read-only' : bare ? 'map-pane bare' : 'map-pane'}
      data-testid={bare ? 'dispatch-map-pane' : 'map-pane'}
    >
      <div className="map-canvas-wrap">
        <div ref={mapRef} className="map-container" data-testid={bare ? 'dispatch-map' : 'map'} />
        {map && overlay?.(map, place)}
        <div className="map-legend">
          {(['fixed', 'checkpoint', 'vehicle', 'body'] as const).map((kind) => (
            <span key={kind}>
              <i style={{ background: cameraKindColour[kind] }} />
              {t(`kind.${kind}`)}
            </span>
          ))}
          <span>
            <i style={{ background: OFFLINE_CAMERA }} />
            {t('status.offline')}
          </span>
          {health && health.size > 0 && (
            <>
              <span>
                <i className="ring" style={{ borderColor: PICTURE_FAULT_RING }} />
                {t('health.tree.picture')}
              </span>
              <span>
                <i className="ring" style={{ borderColor: TICKET_RING }} />
                {t('health.tree.ticket')}
              </span>
            </>
          )}
          <span className="muted">
            {t('map.legend.counts', {
              cameras: cameras?.size ?? 0,
              units: counts.units,
              stale: counts.stale,
            })}
          </span>
        </div>
        {!tileInfo?.available && tileInfo && <div className="map-notice">{t('map.noTiles')}</div>}
        {!readOnly && !bare && (
          <MapSearch index={searchIndex} onChoose={showEntry} onClear={clearFocus} />
        )}
        <div
          className={`map-tile-state tile-${base.status}`}
          data-testid="map-tile-state"
          data-state={base.status}
          data-failed={base.failed}
          data-retrying={base.retrying}
          data-recovered={base.recovered}
          role="status"
          hidden={base.status === 'ok' || base.status === 'none'}
          title={
            base.lastFailedUrl
              ? t('mapSearch.tiles.detail', { url: base.lastFailedUrl })
              : undefined
          }
        >
          {base.status === 'loading'
            ? t('mapSearch.tiles.loading')
            : base.status === 'failed'
              ? t('mapSearch.tiles.failed', { count: base.failed })
              : t('mapSearch.tiles.retrying', { count: base.retrying })}
          {base.status === 'failed' && !readOnly && (
            <button type="button" data-testid="map-tile-retry" onClick={base.retryNow}>
              {t('mapSearch.tiles.retryNow')}
            </button>
          )}
        </div>
        {focusMissing && (
          <div className="map-notice" role="status" data-testid="map-focus-missing">
            {t('mapSearch.notFound', { name: focusMissing })}
          </div>
        )}
        <div
          className="map-draw-tools"
          role="toolbar"
          title={t('map.select.toolTitle')}
          hidden={readOnly}
        >
          {(['lasso', 'circle'] as const).map((mode) => (
            <button
              key={mode}
              type="button"
              aria-pressed={drawMode === mode}
              className={drawMode === mode ? 'active' : ''}
              data-testid={`map-draw-${mode}`}
              onClick={() => setDrawMode(drawMode === mode ? 'off' : mode)}
            >
              {t(`map.select.${mode}`)}
            </button>
          ))}
        </div>
      </div>
      <aside className="map-side" hidden={readOnly || bare}>
        <div className="map-tabs" role="tablist">
          {tabs.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              className={tab === name ? 'active' : ''}
              data-testid={`map-tab-${name}`}
              onClick={() => setTab(name)}
            >
              {t(`map.tabs.${name}`)}
            </button>
          ))}
        </div>
        <div className="map-side-body">
          {tab === 'unit' &&
            (unit ? (
              <UnitCard
                unit={unit}
                camera={unitCamera}
                target={target}
                onPlay={(camera, at) => send(camera.id, at)}
                onTrack={(u) => replay(u.callSign, { mode: 'recent', range: 'h1' })}
                onLocate={locate}
              />
            ) : (
              <div className="muted">{t('map.unit.none')}</div>
            ))}
          <div hidden={tab !== 'tracks'}>
            <TrackPanel map={map} units={units.value} place={place} request={trackRequest} />
          </div>
          <div hidden={tab !== 'compliance'}>
            <CompliancePanel map={map} geometry={geometry} place={place} onReview={replay} />
          </div>
          {tab === 'radius' &&
            (radius ? (
              <RadiusPanel
                map={map}
                result={radius}
                place={place}
                target={target}
                onSend={send}
                onUnit={selectUnit}
              />
            ) : (
              <div className="muted">{t('map.radius.hint')}</div>
            ))}
          {tab === 'select' && (
            <SelectionPanel
              ids={selection?.ids ?? []}
              cameras={cameras}
              target={target}
              onClear={clearSelection}
            />
          )}
        </div>
        <div className="map-notice-line" role="status" data-testid="map-notice">
          {notice}
        </div>
      </aside>
      {popup &&
        createPortal(
          <CameraPopup
            camera={popup.camera}
            status={statuses.get(popup.camera.id) ?? popup.camera.status}
            target={target}
            onSend={(camera, at) => send(camera.id, at)}
          />,
          popup.element,
        )}
    </div>
  );
}

/** Invert a datum shift by fixed-point iteration (three steps are well under a metre). */
function unshift(
  place: (lat: number, lng: number) => [number, number],
  lat: number,
  lng: number,
): { lat: number; lng: number } {
  let guess = { lat, lng };
  for (let i = 0; i < 3; i++) {
    const [plat, plng] = place(guess.lat, guess.lng);
    guess = { lat: guess.lat + (lat - plat), lng: guess.lng + (lng - plng) };
  }
  return guess;
}
