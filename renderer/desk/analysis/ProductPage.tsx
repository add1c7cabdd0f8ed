/**
 * The printable product (issue #17 item 2): the desk's `?view=product&kind=weekly&date=…` (and
 * `&area=`), a page of its own so it prints without the desk around it (A4, print CSS: the
 * toolbar hidden). The total and comparisons, the categories, the hour × weekday heat table, the
 * areas, the hot spots and the near repeats, dates in hall time. 打印 / 导出 PDF print the page
 * (the print dialog saves a PDF); 导出 CSV saves the numbers.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisProduct } from '../../../shared/contract/analysis';
import type { VigilErrorData } from '../../../shared/result';
import { csvDocument } from '../../../shared/domain/csv';
import { fileStamp, formatDateTime, zonedDate } from '../../../shared/domain/time/hall-time';
import { downloadText } from '../../common/download';
import { PrintButtons } from '../../common/PrintButtons';
import { useMapSetup } from '../../state/use-map-setup';
import { useStationInfo } from '../../state/use-station-info';
import { useTimeZone } from '../../state/use-time-zone';
import { useClient } from '../../transport/use-client';
import '../../styles/health-report.css';
import '../../styles/analysis.css';
import { printPalette } from '../health/charts';
import {
  analysisDeskHref,
  comparisonWord,
  defaultProductDate,
  periodText,
  weekdayKeys,
  productCsvLines,
  productFromQuery,
} from './analysis-model';
import { ErrorNote } from './ErrorNote';
import { ProductFigures, ProductSections } from './ProductView';
import { markLatest, productMarks } from './render-marks';

export function ProductPage() {
  const { t } = useTranslation();
  const client = useClient();
  const zone = useTimeZone();
  const station = useStationInfo();
  const { geometry } = useMapSetup();
  const query = useMemo(() => productFromQuery(window.location.search), []);
  const [today] = useState(() => zonedDate(Date.now(), zone));
  const date = query.date ?? defaultProductDate(query.kind, today);
  const [product, setProduct] = useState<AnalysisProduct | null>(null);
  const [error, setError] = useState<VigilErrorData | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    markLatest(productMarks.asked);
    void client
      .call('analysis.product', {
        kind: query.kind,
        date,
        ...(query.areaId ? { areaId: query.areaId } : {}),
      })
      .then((answer) => {
        if (!alive) return;
        markLatest(productMarks.received);
        if (answer.ok) setProduct(answer.value);
        else setError(answer.error);
      });
    return () => {
      alive = false;
    };
  }, [client, query, date]);

  const names = useMemo(
    () => new Map((geometry?.areas ?? []).map((a) => [a.id, a.name])),
    [geometry],
  );
  const gridName = (id: string | null): string => (id === null ? '—' : (names.get(id) ?? id));

  const exportCsv = (): void => {
    if (!product) return;
    const header = (['c0', 'c1', 'c2', 'c3', 'c4'] as const).map((c) =>
      t(`analysis.page.csvHeader.${c}`),
    );
    const lines = productCsvLines(
      product,
      {
        header,
        section: {
          total: t('analysis.total'),
          comparison: (key) => t(`analysis.comparisons.${comparisonWord(product.kind, key)}`),
          category: t('analysis.category'),
          area: t('analysis.areaName'),
          hour: t('analysis.heat'),
          hotSpot: t('analysis.hotSpots'),
          nearRepeat: t('analysis.nearRepeats'),
        },
        weekdays: weekdayKeys.map((d) => t(`analysis.weekdays.${d}`)),
        noData: t('analysis.noData'),
      },
      zone,
    );
    const file = `analysis-${product.kind}-${product.label}-${fileStamp(product.generatedAt, zone)}.csv`;
    downloadText(file, csvDocument(header, lines));
    setNotice(t('analysis.page.exported', { file }));
  };

  const area = query.areaId ? (names.get(query.areaId) ?? query.areaId) : t('analysis.allAreas');
  return (
    <div className="report-page analysis-page" data-testid="product-page">
      <nav className="report-toolbar no-print">
        <a href={analysisDeskHref(window.location)} data-testid="product-back">
          {t('analysis.page.back')}
        </a>
        <PrintButtons
          ready={product !== null}
          testIdPrefix="product"
          words={{
            print: t('analysis.page.print'),
            pdf: t('analysis.page.pdf'),
            pdfHint: t('analysis.page.pdfHint'),
            csv: t('analysis.page.csv'),
          }}
          onCsv={exportCsv}
          notice={notice}
          onNotice={setNotice}
        />
      </nav>
      {error ? (
        <ErrorNote
          error={error}
          what="analysis.product"
          className="report-sheet report-error"
          testId="product-error"
        />
      ) : !product ? (
        <div className="report-sheet muted">{t('analysis.loading')}</div>
      ) : (
        <article className="report-sheet" data-testid="product-sheet" data-label={product.label}>
          <header className="report-header">
            <h1>{t(`analysis.kindTitles.${product.kind}`)}</h1>
            <div className="report-meta">
              <span>
                {t('analysis.page.station', { name: station?.stationId ?? '' })} · {area}
              </span>
              <span data-testid="product-period">
                {t('analysis.period', { period: periodText(product.kind, product.label) })}
              </span>
              <span className="muted">
                {t('analysis.generated', {
                  at: formatDateTime(product.generatedAt, zone).slice(0, 16),
                  ms: Math.round(product.computeMs),
                })}
              </span>
            </div>
          </header>
          {product.noData && (
            <p className="report-nodata" data-testid="product-nodata">
              {t('analysis.noData')}
            </p>
          )}
          <ProductFigures product={product} />
          <ProductSections
            product={product}
            palette={printPalette}
            pixelRatio={2}
            areaLimit={20}
            gridName={gridName}
          />
        </article>
      )}
    </div>
  );
}
