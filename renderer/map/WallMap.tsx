/**
 * The tactical map full-screen on a wall (issue #5: "as a layout cell a wall can show
 * full-screen"): a wall whose layout the desk set to the map (`wall.setLayout` with
 * `{ kind: 'map' }`, layoutId `map`) draws the same MapPane read-only: cameras, areas, live units,
 * no side panel, no selection, no popups. The core still owns what the wall shows; this only
 * renders it, sized to be read from across the hall: camera dots 2.5× the desk's, names and
 * call signs larger, and a name that would write over another one more important is left out
 * at that zoom (use-label-declutter.ts; zoom in and it shows). Loaded lazily so wall windows
 * showing tiles never load Leaflet.
 */
import { useCatalog } from '../state/use-catalog';
import { MapPane } from './MapPane';

const noAssign = () => {};

export function WallMap() {
  const catalog = useCatalog();
  return (
    <MapPane
      cameras={catalog.tree?.cameras}
      statuses={catalog.statuses}
      target={null}
      onAssign={noAssign}
      notice={null}
      readOnly
    />
  );
}
