/**
 * A product's sections, the same on the tab and on the printed page: the total with its
 * comparisons (上周同日 / 近28天日均 …), the categories with their change (bars and a table), the
 * hour × weekday heat table (a heatmap, Monday first, 0-23 h), the areas by count and by change,
 * the hot spots and the near-repeat warnings. A period the history does not cover says 无数据.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisProduct, AreaCount, HexCell } from '../../../shared/contract/analysis';
import { formatDateTime } from '../../../shared/domain/time/hall-time';
import { useTimeZone } from '../../state/use-time-zone';
import type { ChartPalette } from '../health/charts';
import { EChart } from '../health/EChart';
import {
  areasByChange,
  comparisonWord,
  formatCount,
  formatPercentChange,
  hotSpots,
  weekdayKeys,
} from './analysis-model';
import { categoryChartHeight, categoryOption, heatOption, type AnalysisChartWords } from './charts';

export function useChartWords(): AnalysisChartWords {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      count: t('analysis.count'),
      prev: t('analysis.prev'),
      weekdays: weekdayKeys.map((d) => t(`analysis.weekdays.${d}`)),
    }),
    [t],
  );
}

export function Change({ count, prev }: { count: number; prev: number | null }) {
  const text = formatPercentChange(count, prev);
  if (text === null) return <span className="muted">—</span>;
  const up = text.startsWith('+');
  return (
    <span className={`analysis-change${up ? ' up' : text.startsWith('−') ? ' down' : ''}`}>
      {up ? '▲' : text.startsWith('−') ? '▼' : ''} {text}
    </span>
  );
}

export function ProductFigures({ product }: { product: AnalysisProduct }) {
  const { t } = useTranslation();
  return (
    <div className="analysis-figures" data-testid="analysis-figures">
      <div className="analysis-figure big">
        <span className="analysis-figure-label">{t('analysis.total')}</span>
        <strong data-testid="analysis-total">{product.noData ? '—' : product.total}</strong>
      </div>
      {product.comparisons.map((c) => (
        <div
          key={c.key}
          className="analysis-figure"
          data-testid="analysis-comparison"
          data-key={c.key}
        >
          <span className="analysis-figure-label">
            {t(`analysis.comparisons.${comparisonWord(product.kind, c.key)}`)}
          </span>
          <strong>{c.total === null ? t('analysis.noCompare') : formatCount(c.total)}</strong>
          {!product.noData && c.total !== null && <Change count={product.total} prev={c.total} />}
        </div>
      ))}
    </div>
  );
}

interface CountRow {
  key: string;
  name: string;
  /** A word after the name (an area's level), if any. */
  note?: string;
  count: number;
  prev: number | null;
}

/** Names with their count, the comparison period's and the change (categories, areas). */
function CountTable({
  rows,
  first,
  testId,
  rowTestId,
}: {
  rows: readonly CountRow[];
  first: string;
  testId?: string;
  rowTestId?: string;
}) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="muted">{t('analysis.none')}</p>;
  return (
    <table className="analysis-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{first}</th>
          <th>{t('analysis.count')}</th>
          <th>{t('analysis.prev')}</th>
          <th>{t('analysis.change')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} data-testid={rowTestId}>
            <td>
              {r.name} {r.note && <span className="muted">{r.note}</span>}
            </td>
            <td className="num">{r.count}</td>
            <td className="num">{r.prev ?? '—'}</td>
            <td className="num">
              <Change count={r.count} prev={r.prev} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AreaTable({ areas, testId }: { areas: readonly AreaCount[]; testId: string }) {
  const { t } = useTranslation();
  return (
    <CountTable
      rows={areas.map((a) => ({
        key: a.areaId,
        name: a.name,
        note: t(`analysis.levels.${a.level}`),
        count: a.count,
        prev: a.prev,
      }))}
      first={t('analysis.areaName')}
      testId={testId}
    />
  );
}

export function HotSpotList({
  hexes,
  limit,
  onPick,
  gridName,
}: {
  hexes: readonly HexCell[];
  limit: number;
  onPick?: (cell: HexCell) => void;
  gridName: (id: string | null) => string;
}) {
  const { t } = useTranslation();
  const hot = useMemo(() => hotSpots(hexes).slice(0, limit), [hexes, limit]);
  if (hot.length === 0) return <p className="muted">{t('analysis.hotSpotNone')}</p>;
  return (
    <ol className="analysis-list analysis-hot" data-testid="analysis-hotspots">
      {hot.map((h) => (
        <li key={h.id} data-testid="analysis-hotspot" data-hex={h.id}>
          <span>
            {gridName(h.gridId)} ·{' '}
            {t('analysis.hotSpotLine', {
              confidence: h.confidence,
              count: h.count,
              z: h.z.toFixed(2),
            })}
          </span>
          {onPick && (
            <button type="button" className="link-button" onClick={() => onPick(h)}>
              {t('analysis.warn.button')}
            </button>
          )}
        </li>
      ))}
    </ol>
  );
}

export function ProductSections({
  product,
  palette,
  pixelRatio,
  areaLimit,
  gridName,
  onPick,
}: {
  product: AnalysisProduct;
  palette: ChartPalette;
  pixelRatio?: number;
  areaLimit: number;
  gridName: (id: string | null) => string;
  onPick?: (cell: HexCell) => void;
}) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const words = useChartWords();
  const bars = useMemo(
    () => categoryOption(product.categories, words, palette),
    [product, words, palette],
  );
  const heat = useMemo(() => heatOption(product.heat, words, palette), [product, words, palette]);
  const byChange = useMemo(() => areasByChange(product).slice(0, areaLimit), [product, areaLimit]);
  return (
    <>
      <section className="analysis-section" data-testid="analysis-categories">
        <h3>{t('analysis.categories')}</h3>
        {product.categories.length === 0 ? (
          <p className="muted">{t('analysis.none')}</p>
        ) : (
          <>
            <EChart
              option={bars}
              label={t('analysis.categories')}
              className="analysis-chart"
              testId="analysis-category-chart"
              pixelRatio={pixelRatio}
              height={categoryChartHeight(product.categories.length)}
            />
            <CountTable
              rows={product.categories.map((c) => ({ key: c.category, name: c.category, ...c }))}
              first={t('analysis.category')}
              rowTestId="analysis-category"
            />
          </>
        )}
      </section>
      <section className="analysis-section" data-testid="analysis-heat">
        <h3>{t('analysis.heat')}</h3>
        <p className="muted analysis-hint">{t('analysis.heatHint')}</p>
        <EChart
          option={heat}
          label={t('analysis.heat')}
          className="analysis-heat-chart"
          testId="analysis-heat-chart"
          pixelRatio={pixelRatio}
        />
      </section>
      <section className="analysis-section analysis-areas">
        <div>
          <h3>{t('analysis.areasByCount')}</h3>
          <AreaTable areas={product.areas.slice(0, areaLimit)} testId="analysis-areas-count" />
        </div>
        <div>
          <h3>{t('analysis.areasByChange')}</h3>
          <AreaTable areas={byChange} testId="analysis-areas-change" />
        </div>
      </section>
      <section className="analysis-section">
        <h3>{t('analysis.hotSpots')}</h3>
        <HotSpotList hexes={product.hexes} limit={areaLimit} onPick={onPick} gridName={gridName} />
      </section>
      <section className="analysis-section" data-testid="analysis-near-repeats">
        <h3>{t('analysis.nearRepeats')}</h3>
        {product.nearRepeats.length === 0 ? (
          <p className="muted">{t('analysis.none')}</p>
        ) : (
          <ul className="analysis-list">
            {product.nearRepeats.slice(0, areaLimit * 2).map((r) => (
              <li key={r.incidentId} data-testid="analysis-near-repeat">
                {t('analysis.nearRepeatLine', {
                  number: r.number,
                  category: r.category,
                  at: formatDateTime(r.at, zone).slice(0, 16),
                  count: r.near.length,
                })}
                <span className="muted">
                  {' '}
                  {r.near
                    .map((n) =>
                      t('analysis.nearOne', {
                        number: n.number,
                        distance: Math.round(n.distanceM),
                        days: Math.round(n.days * 10) / 10,
                      }),
                    )
                    .join(t('analysis.listSep'))}
                </span>
              </li>
            ))}
            {product.nearRepeats.length > areaLimit * 2 && (
              <li className="muted" data-testid="analysis-near-more">
                {t('analysis.more', { count: product.nearRepeats.length - areaLimit * 2 })}
              </li>
            )}
          </ul>
        )}
      </section>
    </>
  );
}
