/**
 * An analysis product pinned to a wall, full-screen (issue #17 item 6): a wall whose layout the
 * desk set to `{ kind: 'product', product }` (layoutId `product`) draws it as a dashboard read
 * from across the hall — the total big with its comparisons, the categories with their change, the
 * hour × weekday heat table, the significant hot spots and the areas with most incidents. The wall
 * reads only its own pin's product (`analysis.wallProduct`), asked again when the history changes
 * (`analysis.history`) and when the hall day turns (a "latest" pin rolls to the new period).
 * Loaded lazily, as the map is, so wall windows showing tiles never load ECharts.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisProduct, ProductPin } from '../../shared/contract/analysis';
import { formatDateTime, zonedDate } from '../../shared/domain/time/hall-time';
import type { VigilErrorData } from '../../shared/result';
import { periodText } from '../desk/analysis/analysis-model';
import { heatOption } from '../desk/analysis/charts';
import { Change, HotSpotList, ProductFigures, useChartWords } from '../desk/analysis/ProductView';
import { usePinText } from '../desk/analysis/PinText';
import { useNow } from '../desk/dispatch/use-now';
import { darkPalette } from '../desk/health/charts';
import { EChart } from '../desk/health/EChart';
import { useMapSetup } from '../state/use-map-setup';
import { useTimeZone } from '../state/use-time-zone';
import { useClient } from '../transport/use-client';
import '../styles/analysis.css';
import '../styles/wall-product.css';

/** How many categories the dashboard lists, and hot spots and areas (under the heat table). */
const LIST = 8;
const LIST_BELOW = 6;
/** The heat table's labels, px: legible at a few metres on a 1080p wall. */
const CHART_FONT = 22;

export function WallProduct({ wallId, pin }: { wallId: number; pin: ProductPin }) {
  const { t } = useTranslation();
  const client = useClient();
  const zone = useTimeZone();
  const words = useChartWords();
  const { geometry } = useMapSetup();
  const today = zonedDate(useNow(60_000), zone);
  const [history, setHistory] = useState(0);
  const [product, setProduct] = useState<AnalysisProduct | null>(null);
  const [error, setError] = useState<VigilErrorData | null>(null);

  // The history changed (an import, the live incidents): ask again.
  useEffect(() => {
    const bump = (): void => setHistory((n) => n + 1);
    return client.subscribe('analysis.history', { onEvent: bump, onReset: bump });
  }, [client]);
  const pinKey = `${pin.kind}|${pin.date ?? ''}|${pin.areaId ?? ''}`;
  useEffect(() => {
    let alive = true;
    void client.call('analysis.wallProduct', { wallId }).then((answer) => {
      if (!alive) return;
      if (answer.ok) {
        setProduct(answer.value);
        setError(null);
      } else {
        setError(answer.error);
      }
    });
    return () => {
      alive = false;
    };
  }, [client, wallId, pinKey, today, history]);

  const names = useMemo(
    () => new Map((geometry?.areas ?? []).map((a) => [a.id, a.name])),
    [geometry],
  );
  const areaName = useCallback((id: string) => names.get(id), [names]);
  const pinText = usePinText(areaName);
  const gridName = useCallback(
    (id: string | null) => (id === null ? '—' : (names.get(id) ?? id)),
    [names],
  );
  const heat = useMemo(
    () => (product ? heatOption(product.heat, words, darkPalette, CHART_FONT) : null),
    [product, words],
  );

  const title = product
    ? pinText({ ...pin, date: product.label.length === 7 ? `${product.label}-01` : product.label })
    : pinText(pin);
  return (
    <div
      className="wall-product"
      data-testid="wall-product"
      data-kind={pin.kind}
      data-label={product?.label ?? ''}
    >
      <header className="wall-product-head">
        <h1>{title}</h1>
        {product && (
          <span className="muted">
            {!pin.date && `${t('analysis.wall.latestWord')} · `}
            {t('analysis.wall.updated', {
              at: formatDateTime(product.generatedAt, zone).slice(0, 16),
            })}
          </span>
        )}
      </header>
      {!product && (
        <div className="wall-product-note" role="status">
          {error
            ? t('analysis.wall.unavailable', { message: error.message })
            : t('analysis.wall.loading')}
        </div>
      )}
      {product && (
        <div className="wall-product-body">
          <section className="wall-product-figures">
            {product.noData && (
              <div className="analysis-nodata" role="status" data-testid="analysis-nodata">
                {t('analysis.noData')}
              </div>
            )}
            <ProductFigures product={product} />
            <h2>{t('analysis.categories')}</h2>
            {product.categories.length === 0 ? (
              <p className="muted">{t('analysis.none')}</p>
            ) : (
              <table className="wall-product-table" data-testid="wall-product-categories">
                <tbody>
                  {product.categories.slice(0, LIST).map((c) => (
                    <tr key={c.category}>
                      <td>{c.category}</td>
                      <td className="num">{c.count}</td>
                      <td className="num">
                        <Change count={c.count} prev={c.prev} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section className="wall-product-heat" data-testid="analysis-heat">
            <h2>
              {t('analysis.heat')}{' '}
              <span className="muted">{periodText(product.kind, product.label)}</span>
            </h2>
            {heat && (
              <EChart
                option={heat}
                label={t('analysis.heat')}
                className="wall-product-chart"
                testId="analysis-heat-chart"
              />
            )}
          </section>
          <section className="wall-product-hot">
            <h2>{t('analysis.hotSpots')}</h2>
            <HotSpotList hexes={product.hexes} limit={LIST_BELOW} gridName={gridName} />
          </section>
          <section className="wall-product-areas">
            <h2>{t('analysis.areasByCount')}</h2>
            <table className="wall-product-table" data-testid="wall-product-areas">
              <tbody>
                {product.areas.slice(0, LIST_BELOW).map((a) => (
                  <tr key={a.areaId}>
                    <td>
                      {a.name} <span className="muted">{t(`analysis.levels.${a.level}`)}</span>
                    </td>
                    <td className="num">{a.count}</td>
                    <td className="num">
                      <Change count={a.count} prev={a.prev} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
    </div>
  );
}
