/**
 * A product pinned to a wall, in words (issue #17 item 6): "周分析 · 最新 · 全所", "日研判 ·
 * 2026-12-02 · 一网格" — the desk's miniature of that wall, the tab's notice and the wall's own
 * title say it. The area's name comes from the caller's geometry; `PinText` reads the geometry
 * only for a pin that names an area (a desk's miniatures do not each load it otherwise).
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductPin } from '../../../shared/contract/analysis';
import { useMapSetup } from '../../state/use-map-setup';
import { periodText } from './analysis-model';

export function usePinText(
  areaName: (id: string) => string | undefined,
): (pin: ProductPin) => string {
  const { t } = useTranslation();
  return useCallback(
    (pin: ProductPin) => {
      const area = pin.areaId ? (areaName(pin.areaId) ?? pin.areaId) : t('analysis.allAreas');
      const when = pin.date ? periodText(pin.kind, pin.date) : t('analysis.wall.latestWord');
      return [t(`analysis.kindTitles.${pin.kind}`), when, area].join(' · ');
    },
    [t, areaName],
  );
}

const noArea = (): undefined => undefined;

function PinWithArea({ pin }: { pin: ProductPin }) {
  const { geometry } = useMapSetup();
  const areaName = useCallback(
    (id: string) => geometry?.areas.find((a) => a.id === id)?.name,
    [geometry],
  );
  return <>{usePinText(areaName)(pin)}</>;
}

function PinWithoutArea({ pin }: { pin: ProductPin }) {
  return <>{usePinText(noArea)(pin)}</>;
}

export function PinText({ pin }: { pin: ProductPin }) {
  return pin.areaId ? <PinWithArea pin={pin} /> : <PinWithoutArea pin={pin} />;
}
