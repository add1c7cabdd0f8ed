/**
 * The desk's walls: every wall's live miniature (layout picker, tile states, drop a camera, drag
 * a tile onto another to swap), "identify monitors", named views and the layout editor.
 */
import { useTranslation } from 'react-i18next';
import type { Camera, CameraStatus, WallState } from '../../shared/api';
import { useMemo, useState } from 'react';
import { useWallLayouts } from '../state/use-wall-layouts';
import { useWatchFocus } from '../state/use-watch-focus';
import { useRotationRunning } from '../state/use-watch-rotation';
import { useWallTours } from '../wall/watch/use-wall-watch';
import { shownWalls } from './watch/shown-walls';
import './watch/mini-watch.css';
import { useWallTileReports } from '../state/use-wall-tile-reports';
import { useWallViews } from '../state/use-wall-views';
import { LayoutEditor } from './LayoutEditor';
import type { WallActions } from './use-wall-actions';
import { ViewsPanel } from './ViewsPanel';
import { WallPicker } from './WallPicker';
import type { WallTarget } from '../common/wall-target';
import { DeskTileMenu } from './DeskTileMenu';

export interface WallsPanelProps {
  walls: readonly WallState[];
  cameras: ReadonlyMap<string, Camera>;
  statuses: ReadonlyMap<string, CameraStatus>;
  target: WallTarget | null;
  onTarget: (target: WallTarget) => void;
  onDropCamera: (cameraId: string, at: WallTarget) => void;
  actions: WallActions;
}

export function WallsPanel({ actions, walls, ...picker }: WallsPanelProps) {
  const { t } = useTranslation();
  // The tile whose menu is open (play back, back to live, export a clip): a click or a
  // right-click on a miniature's tile opens it.
  const [menuAt, setMenuAt] = useState<WallTarget | null>(null);

  const reports = useWallTileReports();
  const layouts = useWallLayouts();
  const views = useWallViews();
  // The miniatures show what the walls show: pulled cameras, a rotation's page, a tour's stop.
  const focus = useWatchFocus().value;
  const rotation = useRotationRunning().value;
  const tours = useWallTours();
  const shown = useMemo(
    () => shownWalls(walls, focus, rotation, { runs: tours.runs, tours: tours.tours }),
    [walls, focus, rotation, tours.runs, tours.tours],
  );
  // The miniatures' walls: the camera a tile shows (a pull, a rotation's page) is the one played.
  const menuWall = menuAt ? shown.walls.find((w) => w.wallId === menuAt.wallId) : undefined;
  return (
    <>
      <div className="tool-row">
        <button
          type="button"
          data-testid="identify-walls"
          title={t('walls.identifyTitle')}
          onClick={() => void actions.identify()}
        >
          {t('walls.identify')}
        </button>
        <span className="muted">{t('walls.swapHint')}</span>
      </div>
      <WallPicker
        {...picker}
        onTarget={(at) => {
          picker.onTarget(at);
          setMenuAt(at);
        }}
        onTileMenu={setMenuAt}
        walls={shown.walls}
        tileWatch={shown.watch}
        tileStates={reports.value}
        savedLayouts={layouts.value}
        onSwap={(from, to) => void actions.swap(from, to)}
        onLayout={(wallId, layout) => void actions.setLayout(wallId, layout)}
      />
      {menuAt && menuWall && (
        <DeskTileMenu
          key={`${menuAt.wallId}-${menuAt.tileIndex}`}
          wall={menuWall}
          at={menuAt}
          cameras={picker.cameras}
          onClose={() => setMenuAt(null)}
        />
      )}
      <div className="wall-tools">
        <ViewsPanel
          views={views.value ?? []}
          onSave={actions.saveView}
          onLoad={(name) => void actions.loadView(name)}
          onDelete={(name) => void actions.deleteView(name)}
        />
        <LayoutEditor onSave={actions.saveLayout} />
      </div>
    </>
  );
}
