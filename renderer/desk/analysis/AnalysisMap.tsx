/**
 * The Analysis tab's map: the desk's map (MapPane: base map, units, areas) without its side
 * panel, with a product's hot spots over it: the hexes coloured by their Gi* confidence (hot red,
 * cold blue, darker = more certain; not significant not drawn) and, as an optional layer, the KDE
 * surface as an image (one pixel a cell, drawn on a canvas). A click on a hot hex picks it (the
 * warning form). The legend says it in words.
 */
import L from 'leaflet';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HexCell, KdeSurface } from '../../../shared/contract/analysis';
import { hexCornersAt } from '../../../shared/domain/analysis/hex-grid';
import { MapPane, type MapPaneProps } from '../../map/MapPane';
import { useCentreOn, useFollowSize } from '../../map/use-dispatch-overlays';
import { hexColour, kdePixels } from './analysis-model';
import { markLatest, productMarks } from './render-marks';

type Place = (lat: number, lng: number) => [number, number];

export interface AnalysisLayers {
  hexes: readonly HexCell[];
  hexSizeM: number;
  kde: KdeSurface | null;
  showKde: boolean;
  picked: string | null;
  onPick: (cell: HexCell) => void;
  /** A hot spot to show (chosen from the list), close enough to see its hex. */
  centre: { lat: number; lng: number; zoom: number; nonce: number } | null;
}

function useHexLayer(map: L.Map, layers: AnalysisLayers, place: Place): void {
  const { hexes, hexSizeM, picked, onPick } = layers;
  useEffect(() => {
    // On the map first, so each polygon has its element as it is added.
    const group = L.layerGroup().addTo(map);
    for (const cell of hexes) {
      const colour = hexColour(cell);
      if (!colour) continue;
      const ring = hexCornersAt(cell, hexSizeM).map(([lng, lat]) => place(lat, lng));
      const hot = cell.z > 0;
      const polygon = L.polygon(ring, {
        color: cell.id === picked ? '#ffffff' : colour,
        weight: cell.id === picked ? 3 : 1,
        fillColor: colour,
        fillOpacity: 0.55,
        className: hot ? 'analysis-hex hot' : 'analysis-hex cold',
        interactive: hot,
      });
      if (hot) polygon.on('click', () => onPick(cell));
      polygon.addTo(group);
      // For tests: the hex's id and confidence on its path.
      const element = polygon.getElement();
      element?.setAttribute('data-hex', cell.id);
      element?.setAttribute('data-confidence', String(cell.confidence));
    }
    markLatest(productMarks.hexes);
    return () => {
      group.remove();
    };
  }, [map, hexes, hexSizeM, picked, onPick, place]);
}

function useKdeLayer(map: L.Map, kde: KdeSurface | null, show: boolean, place: Place): void {
  const url = useMemo(() => {
    if (!kde || kde.rows === 0 || kde.cols === 0) return null;
    const canvas = document.createElement('canvas');
    canvas.width = kde.cols;
    canvas.height = kde.rows;
    const context = canvas.getContext('2d');
    if (!context) return null;
    context.putImageData(new ImageData(kdePixels(kde), kde.cols, kde.rows), 0, 0);
    return canvas.toDataURL('image/png');
  }, [kde]);
  useEffect(() => {
    if (!kde || !url || !show) return;
    const overlay = L.imageOverlay(
      url,
      L.latLngBounds(place(kde.south, kde.west), place(kde.north, kde.east)),
      { opacity: 0.6, className: 'analysis-kde', interactive: false },
    ).addTo(map);
    return () => {
      overlay.remove();
    };
  }, [map, kde, url, show, place]);
}

function Layers({ map, place, layers }: { map: L.Map; place: Place; layers: AnalysisLayers }) {
  useKdeLayer(map, layers.kde, layers.showKde, place);
  useHexLayer(map, layers, place);
  useCentreOn(map, layers.centre, place);
  useFollowSize(map);
  return null;
}

export function AnalysisMap({
  pane,
  layers,
  visible,
}: {
  pane: MapPaneProps;
  layers: AnalysisLayers;
  visible: boolean;
}) {
  return (
    <MapPane
      {...pane}
      visible={visible}
      bare
      overlay={(map, place) => <Layers map={map} place={place} layers={layers} />}
    />
  );
}

/** The legend in words: what red and blue and their shades mean, and the density's colours. */
export function AnalysisLegend({ showKde }: { showKde: boolean }) {
  const { t } = useTranslation();
  const swatch = (z: number, confidence: 90 | 95 | 99): string =>
    hexColour({ z, confidence }) ?? 'transparent';
  return (
    <div className="analysis-legend" data-testid="analysis-legend">
      <div>{t('analysis.map.legend')}</div>
      <div className="analysis-swatches">
        {([99, 95, 90] as const).map((c) => (
          <span key={`h${c}`}>
            <i style={{ background: swatch(1, c) }} />
            {t('analysis.map.hot', { confidence: c })}
          </span>
        ))}
        {([90, 95, 99] as const).map((c) => (
          <span key={`c${c}`}>
            <i style={{ background: swatch(-1, c) }} />
            {t('analysis.map.cold', { confidence: c })}
          </span>
        ))}
      </div>
      {showKde && <div className="muted">{t('analysis.map.kdeLegend')}</div>}
      <div className="muted">{t('analysis.map.clickHint')}</div>
    </div>
  );
}
