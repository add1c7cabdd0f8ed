/**
 * The desk's 研判 / Analysis tab (issue #17 item 6): the product chosen (日研判 / 周分析 / 月调度),
 * its date (hall time; default yesterday / last week / last month) and an area, with its total
 * and comparisons, categories, hour × weekday heat table, areas, hot spots and near repeats; the
 * map beside it with the hot-spot hexes (Gi* confidence) and the KDE surface as a layer. A hot hex
 * becomes a warning (发预警); the day's warnings with who went, the roll calls (点名) and the
 * week's scores with the month's 巡防之星 are below the map. The printable product is its own page
 * (`?view=product`). Until the core has analysis it says so in words.
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  productKinds,
  type AnalysisProduct,
  type HexCell,
  type HistoryStatus,
  type ProductKind,
  type Warning,
} from '../../../shared/contract/analysis';
import type { VigilErrorData } from '../../../shared/result';
import { formatDateTime, zonedDate } from '../../../shared/domain/time/hall-time';
import { DateInput } from '../../common/DateInput';
import type { MapPaneProps } from '../../map/MapPane';
import { useMapSetup } from '../../state/use-map-setup';
import { useSession } from '../../state/use-session';
import { useTimeZone } from '../../state/use-time-zone';
import { useClient } from '../../transport/use-client';
import '../../styles/analysis.css';
import { TabBar } from '../TabBar';
import { useNow } from '../dispatch/use-now';
import { darkPalette } from '../health/charts';
import { defaultProductDate, periodText, productHref, snapProductDate } from './analysis-model';
import { AnalysisLegend, AnalysisMap, type AnalysisLayers } from './AnalysisMap';
import { ErrorNote } from './ErrorNote';
import { HistoryImport } from './HistoryImport';
import { PinToWall } from './PinToWall';
import { ProductFigures, ProductSections } from './ProductView';
import { markLatest, productMarks } from './render-marks';
import { RollCallPanel } from './RollCallPanel';
import { ScoresPanel } from './ScoresPanel';
import { WarnForm } from './WarnForm';
import { useWarnings, WarningsPanel } from './WarningsPanel';

const sideTabs = ['warnings', 'rollCalls', 'scores'] as const;
type SideTab = (typeof sideTabs)[number];

export function AnalysisPane({ visible, map }: { visible: boolean; map: MapPaneProps }) {
  const { t } = useTranslation();
  const client = useClient();
  const zone = useTimeZone();
  const role = useSession().value?.operator?.role;
  const mayAct = role === 'chief' || role === 'admin';
  const { geometry } = useMapSetup();
  const now = useNow(60_000);
  const today = zonedDate(now, zone);
  const [kind, setKind] = useState<ProductKind>('daily');
  const [date, setDate] = useState(() => defaultProductDate('daily', today));
  const [typed, setTyped] = useState(date);
  const [areaId, setAreaId] = useState('');
  const [product, setProduct] = useState<AnalysisProduct | null>(null);
  const [error, setError] = useState<VigilErrorData | null>(null);
  const [showKde, setShowKde] = useState(false);
  const [picked, setPicked] = useState<HexCell | null>(null);
  const [side, setSide] = useState<SideTab>('warnings');
  const [notice, setNotice] = useState<string | null>(null);
  const warnings = useWarnings(visible);
  const [history, setHistory] = useState<HistoryStatus | null>(null);

  // The history imported (at start, a day later, a CSV): the product is asked again.
  useEffect(() => {
    const load = (): void =>
      void client.call('analysis.history', {}).then((answer) => {
        if (answer.ok) setHistory(answer.value);
      });
    load();
    return client.subscribe('analysis.history', { onEvent: setHistory, onReset: load });
  }, [client]);
  const historyVersion = history ? `${history.incidents}/${history.coveredFrom}` : '';

  useEffect(() => {
    if (!visible) return;
    let alive = true;
    markLatest(productMarks.asked);
    void client
      .call('analysis.product', { kind, date, ...(areaId ? { areaId } : {}) })
      .then((answer) => {
        if (!alive) return;
        markLatest(productMarks.received);
        if (answer.ok) {
          setProduct(answer.value);
          setError(null);
        } else {
          setProduct(null);
          setError(answer.error);
        }
      });
    return () => {
      alive = false;
    };
  }, [client, visible, kind, date, areaId, historyVersion]);

  const areas = useMemo(
    () => (geometry?.areas ?? []).filter((a) => a.level === 'zone' || a.level === 'grid'),
    [geometry],
  );
  const grids = useMemo(() => areas.filter((a) => a.level === 'grid'), [areas]);
  const names = useMemo(() => new Map(areas.map((a) => [a.id, a.name])), [areas]);
  const gridName = useCallback(
    (id: string | null) => (id === null ? '—' : (names.get(id) ?? id)),
    [names],
  );
  const zoneName = useCallback((id: string) => names.get(id), [names]);

  const chooseKind = (next: ProductKind): void => {
    const d = defaultProductDate(next, today);
    setKind(next);
    setDate(d);
    setTyped(d);
    setPicked(null);
  };
  const pickDate = (event: FormEvent): void => {
    event.preventDefault();
    const snapped = snapProductDate(kind, typed.trim());
    if (snapped) {
      setDate(snapped);
      setTyped(snapped);
      setPicked(null);
    }
  };
  const [centre, setCentre] = useState<AnalysisLayers['centre']>(null);
  const pick = useCallback((cell: HexCell) => {
    setPicked(cell);
    setSide('warnings');
  }, []);
  // From the list: the map goes to the hex too (a click on the map is already there).
  const pickFromList = useCallback(
    (cell: HexCell) => {
      pick(cell);
      setCentre((c) => ({ lat: cell.lat, lng: cell.lng, zoom: 14, nonce: (c?.nonce ?? 0) + 1 }));
    },
    [pick],
  );
  const onSent = (w: Warning): void => {
    warnings.update(w);
    setPicked(null);
    setNotice(t('analysis.warn.sent', { name: w.name, count: w.orders.length }));
  };

  const layers = useMemo(
    () => ({
      hexes: product?.hexes ?? [],
      hexSizeM: product?.hexSizeM ?? 250,
      kde: product?.kde ?? null,
      showKde,
      picked: picked?.id ?? null,
      onPick: pick,
      centre,
    }),
    [product, showKde, picked, pick, centre],
  );

  return (
    <div className="analysis-pane" data-testid="analysis-pane">
      <header className="analysis-head">
        <h2>{t('analysis.title')}</h2>
        <TabBar
          className="analysis-kinds"
          names={productKinds}
          value={kind}
          onChange={chooseKind}
          testIdPrefix="analysis-kind"
          label={(k) => t(`analysis.kinds.${k}`)}
        />
        <form className="analysis-date" onSubmit={pickDate}>
          <label>
            {t('analysis.date')}
            <DateInput
              value={typed}
              data-testid="analysis-date"
              onChange={(e) => setTyped(e.target.value)}
            />
          </label>
          <button type="submit">{t('analysis.show')}</button>
        </form>
        <label>
          {t('analysis.area')}
          <select
            value={areaId}
            data-testid="analysis-area"
            onChange={(e) => {
              setAreaId(e.target.value);
              setPicked(null);
            }}
          >
            <option value="">{t('analysis.allAreas')}</option>
            {areas.map((a) => (
              <option key={a.id} value={a.id}>
                {a.level === 'grid' ? '　' : ''}
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label className="analysis-check">
          <input
            type="checkbox"
            checked={showKde}
            data-testid="analysis-kde"
            onChange={(e) => setShowKde(e.target.checked)}
          />
          {t('analysis.map.kde')}
        </label>
        {mayAct && <HistoryImport onDone={setNotice} />}
        {mayAct && (
          <PinToWall
            kind={kind}
            date={date}
            areaId={areaId}
            areaName={zoneName}
            onDone={setNotice}
          />
        )}
        <a
          className="button-link"
          data-testid="analysis-product-link"
          href={productHref(window.location, { kind, date, areaId: areaId || null })}
        >
          {t('analysis.reportLink')}
        </a>
      </header>
      <div className="analysis-body">
        <section className="analysis-product" data-testid="analysis-product">
          {error && !product && (
            <ErrorNote error={error} what="analysis.product" testId="analysis-unavailable" />
          )}
          {!error && !product && <div className="muted">{t('analysis.loading')}</div>}
          {product && (
            <>
              <div className="analysis-period muted" data-testid="analysis-period">
                {t(`analysis.kindTitles.${product.kind}`)} ·{' '}
                {t('analysis.period', { period: periodText(product.kind, product.label) })} ·{' '}
                {t('analysis.generated', {
                  at: formatDateTime(product.generatedAt, zone).slice(0, 16),
                  ms: Math.round(product.computeMs),
                })}
                {history && history.from !== null && (
                  <>
                    {' · '}
                    {t('analysis.history', {
                      count: history.incidents,
                      from: formatDateTime(history.from, zone).slice(0, 10),
                    })}
                  </>
                )}
              </div>
              {product.noData && (
                <div className="analysis-nodata" role="status" data-testid="analysis-nodata">
                  {t('analysis.noData')}
                </div>
              )}
              <ProductFigures product={product} />
              <ProductSections
                product={product}
                palette={darkPalette}
                areaLimit={10}
                gridName={gridName}
                onPick={mayAct ? pickFromList : undefined}
              />
            </>
          )}
        </section>
        <section className="analysis-side">
          <div className="analysis-map">
            <AnalysisMap pane={map} layers={layers} visible={visible} />
          </div>
          <AnalysisLegend showKde={showKde} />
          <div className="analysis-panels">
            {picked &&
              (mayAct ? (
                <WarnForm
                  key={picked.id}
                  cell={picked}
                  productLabel={product?.label ?? ''}
                  grids={grids}
                  points={geometry?.mustReachPoints ?? []}
                  onSent={onSent}
                  onClose={() => setPicked(null)}
                />
              ) : (
                <div className="muted">{t('analysis.warn.chiefOnly')}</div>
              ))}
            {notice && (
              <div className="analysis-notice" role="status" data-testid="analysis-notice">
                {notice}
              </div>
            )}
            <TabBar
              className="analysis-side-tabs"
              names={sideTabs}
              value={side}
              onChange={setSide}
              testIdPrefix="analysis-side"
              label={(name) => t(`analysis.${name}.title`)}
            />
            {side === 'warnings' && (
              <WarningsPanel
                warnings={warnings.warnings}
                error={warnings.error}
                mayAct={mayAct}
                onChanged={warnings.update}
              />
            )}
            {side === 'rollCalls' && (
              <RollCallPanel visible={visible} mayAct={mayAct} warnings={warnings.warnings} />
            )}
            {side === 'scores' && <ScoresPanel visible={visible} zoneName={zoneName} />}
          </div>
        </section>
      </div>
    </div>
  );
}
