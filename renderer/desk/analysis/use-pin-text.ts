/**
 * A product pinned to a wall, in words (issue #17 item 6): "周分析 · 最新 · 全所", "日研判 ·
 * 2026-12-02 · 一网格" — the desk's miniature of that wall and the wall's own title say it.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductPin } from '../../../shared/contract/analysis';
import { useMapSetup } from '../../state/use-map-setup';
import { periodText } from './analysis-model';

export function usePinText(): (pin: ProductPin) => string {
  const { t } = useTranslation();
  const { geometry } = useMapSetup();
  return useCallback(
    (pin: ProductPin) => {
      const area = pin.areaId
        ? (geometry?.areas.find((a) => a.id === pin.areaId)?.name ?? pin.areaId)
        : t('analysis.allAreas');
      const when = pin.date ? periodText(pin.kind, pin.date) : t('analysis.wall.latestWord');
      return [t(`analysis.kindTitles.${pin.kind}`), when, area].join(' · ');
    },
    [t, geometry],
  );
}
