/**
 * The camera tree (region > zone > grid > camera), virtualised: only the rows on screen exist in
 * the DOM, so 26,000 cameras scroll like 26. A search replaces the tree with the matching cameras
 * and their paths. Click selects (for marking), double-click puts the camera on the target tile,
 * and a camera row can be dragged onto a wall miniature's tile. With `checked` (the Watch tab),
 * camera rows carry a tick box, for making rotation groups, tours and pins from many cameras.
 * Right-click (or the context-menu key) on a camera row: "show on map" (the map tab comes
 * forward, centred on the camera: renderer/common/map-focus.ts) and "to the target tile". A camera
 * that is not healthy (issue #16: offline, a picture fault, an open fault ticket) carries a small
 * coloured mark with its words as title and label; only the rows drawn read the marks' map.
 *
 * Keys (issue #15; listed in renderer/common/shortcuts.ts, which the help overlay reads): ↑/↓
 * move, → opens an area or goes into it, ← closes it or goes to its parent, Home/End, Enter sends
 * a camera to the target tile (as a double-click) or opens/closes an area, Space selects; `/`
 * anywhere on the desk goes to the search field, ↓ from there back into the tree. One row at a
 * time is in the tab order (roving tabindex), and the tree is a WAI-ARIA tree (tree, treeitem,
 * aria-expanded, aria-selected, aria-level), so it is read out and testable by role.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type KeyboardEvent as ReactKeyboardEvent,
  type MouseEvent as ReactMouseEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, CameraStatus } from '../../shared/api';
import type { HealthMark } from '../../shared/contract/health';
import { isShownMark, type ShownMark } from './health/health-model';
import {
  allAreaIds,
  flattenTree,
  normaliseQuery,
  searchTree,
  type CameraTree as Tree,
  type TreeRow,
  UNASSIGNED_ID,
} from '../common/camera-tree';
import { requestMapFocus } from '../common/map-focus';
import { matches, typingIn } from '../common/shortcuts';
import { CAMERA_DRAG_TYPE } from './drag';
import { treeKey } from './tree-keys';

const TREE_ROW_HEIGHT = 30;
const SEARCH_ROW_HEIGHT = 46;
const INDENT = 16;

export interface CameraTreeProps {
  tree: Tree;
  statuses: ReadonlyMap<string, CameraStatus>;
  /** Each camera's health mark (health.marks); cameras not in it are healthy or not known. */
  health?: ReadonlyMap<string, HealthMark>;
  selectedId: string | null;
  onSelect: (camera: Camera) => void;
  onActivate: (camera: Camera) => void;
  /** "To wall" on a zone or grid row: its first cameras not offline go to the target wall. */
  onSendArea?: (areaId: string) => void;
  /** The area button's label when it does something else than "To wall" (ticks the area). */
  sendAreaLabel?: string;
  /** Ticked cameras; when given, camera rows show a tick box that calls onCheck. */
  checked?: ReadonlySet<string>;
  onCheck?: (camera: Camera) => void;
}

export function CameraTree({
  tree,
  statuses,
  health,
  selectedId,
  onSelect,
  onActivate,
  onSendArea,
  sendAreaLabel,
  checked,
  onCheck,
}: CameraTreeProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  // Regions open at start: the operator sees the zones, not one closed line.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(
    () => new Set(tree.roots.map((a) => a.id)),
  );
  const [menu, setMenu] = useState<{ camera: Camera; x: number; y: number } | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const sectionRef = useRef<HTMLElement>(null);
  // `/` anywhere on the desk (outside a text field): to the search field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || typingIn(event.target) || !matches('search', event)) return;
      event.preventDefault();
      searchRef.current?.focus();
      searchRef.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const deferredQuery = useDeferredValue(query);
  const searching = normaliseQuery(deferredQuery) !== '';

  const rows = useMemo(
    () => (searching ? searchTree(tree, deferredQuery) : flattenTree(tree, expanded)),
    [tree, expanded, searching, deferredQuery],
  );

  const toggle = (id: string) =>
    setExpanded((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section className="panel" aria-labelledby="tree-title" ref={sectionRef}>
      <h2 className="panel-title" id="tree-title">
        {t('tree.title')}
        <span className="muted">{t('tree.total', { count: tree.cameras.size })}</span>
      </h2>
      <div className="tree-tools">
        <input
          ref={searchRef}
          type="search"
          data-testid="search-input"
          value={query}
          placeholder={t('tree.search')}
          aria-label={t('tree.search')}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setQuery('');
            else if (e.key === 'ArrowDown') {
              // Into the tree (or the results), at its row in the tab order.
              e.preventDefault();
              sectionRef.current
                ?.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]')
                ?.focus();
            }
          }}
        />
        <button
          type="button"
          title={t('tree.expandAll')}
          aria-label={t('tree.expandAll')}
          disabled={searching}
          onClick={() => setExpanded(allAreaIds(tree))}
        >
          ⊞
        </button>
        <button
          type="button"
          title={t('tree.collapseAll')}
          aria-label={t('tree.collapseAll')}
          disabled={searching}
          onClick={() => setExpanded(new Set())}
        >
          ⊟
        </button>
      </div>
      <div className="tree-status" aria-live="polite">
        {searching
          ? rows.length > 0
            ? t('tree.matches', { count: rows.length })
            : t('tree.noMatches', { query: deferredQuery.trim() })
          : t('tree.hint')}
      </div>
      <TreeList
        // A new list per mode: row heights differ between the tree and search results.
        key={searching ? 'search' : 'tree'}
        rows={rows}
        rowHeight={searching ? SEARCH_ROW_HEIGHT : TREE_ROW_HEIGHT}
        statuses={statuses}
        health={health}
        selectedId={selectedId}
        onToggle={toggle}
        onSelect={onSelect}
        onActivate={onActivate}
        onSendArea={onSendArea}
        sendAreaLabel={sendAreaLabel}
        checked={checked}
        onCheck={onCheck}
        onMenu={(camera, x, y) => setMenu({ camera, x, y })}
      />
      {menu && (
        <CameraMenu
          {...menu}
          onClose={() => setMenu(null)}
          onShowOnMap={(camera) => requestMapFocus({ kind: 'camera', id: camera.id })}
          onActivate={onActivate}
        />
      )}
    </section>
  );
}

/** A camera row's context menu: at the pointer, closed by Esc, a click elsewhere or a scroll. */
function CameraMenu({
  camera,
  x,
  y,
  onClose,
  onShowOnMap,
  onActivate,
}: {
  camera: Camera;
  x: number;
  y: number;
  onClose: () => void;
  onShowOnMap: (camera: Camera) => void;
  onActivate: (camera: Camera) => void;
}) {
  const { t } = useTranslation();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    first.current?.focus();
    const close = (): void => onClose();
    const key = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('mousedown', close);
    window.addEventListener('blur', close);
    window.addEventListener('keydown', key);
    window.addEventListener('wheel', close, { passive: true });
    return () => {
      window.removeEventListener('mousedown', close);
      window.removeEventListener('blur', close);
      window.removeEventListener('keydown', key);
      window.removeEventListener('wheel', close);
    };
  }, [onClose]);
  const act = (action: () => void) => (e: ReactMouseEvent) => {
    e.stopPropagation();
    action();
    onClose();
  };
  return (
    <div
      className="tree-menu"
      role="menu"
      data-testid="camera-menu"
      data-camera-id={camera.id}
      style={{ left: x, top: y }}
      onMouseDown={(e) => e.stopPropagation()}
    >
      <div className="tree-menu-title">{camera.name}</div>
      <button
        ref={first}
        type="button"
        role="menuitem"
        data-testid="camera-show-on-map"
        onClick={act(() => onShowOnMap(camera))}
      >
        {t('mapSearch.showOnMap')}
      </button>
      <button
        type="button"
        role="menuitem"
        data-testid="camera-to-target"
        onClick={act(() => onActivate(camera))}
      >
        {t('mapSearch.toTarget')}
      </button>
    </div>
  );
}

interface TreeListProps {
  rows: readonly TreeRow[];
  rowHeight: number;
  statuses: ReadonlyMap<string, CameraStatus>;
  health: ReadonlyMap<string, HealthMark> | undefined;
  selectedId: string | null;
  onToggle: (areaId: string) => void;
  onSelect: (camera: Camera) => void;
  onActivate: (camera: Camera) => void;
  onSendArea?: (areaId: string) => void;
  sendAreaLabel?: string;
  checked?: ReadonlySet<string>;
  onCheck?: (camera: Camera) => void;
  onMenu: (camera: Camera, x: number, y: number) => void;
}

function TreeList({
  rows,
  rowHeight,
  statuses,
  health,
  selectedId,
  onToggle,
  onSelect,
  onActivate,
  onSendArea,
  sendAreaLabel,
  checked,
  onCheck,
  onMenu,
}: TreeListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // The row in the tab order (roving tabindex): the one last focused or moved to by a key.
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const found = activeKey === null ? -1 : rows.findIndex((r) => r.key === activeKey);
  const selectedIndex =
    selectedId === null
      ? -1
      : rows.findIndex((r) => r.kind === 'camera' && r.camera.id === selectedId);
  const active = found >= 0 ? found : selectedIndex >= 0 ? selectedIndex : 0;
  const activeRowKey = rows[active]?.key ?? null;
  // A key moved the active row: focus it once it is drawn (the list draws only what is on screen).
  const pendingFocus = useRef(false);
  // TanStack Virtual keeps mutable state outside React; it is re-read on every render on purpose.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    getItemKey: (index) => rows[index]?.key ?? index,
  });

  useEffect(() => {
    if (!pendingFocus.current || activeRowKey === null) return;
    let frame = 0;
    let tries = 0;
    const focus = (): void => {
      const el = scrollRef.current?.querySelector<HTMLElement>(
        `[data-row-key="${CSS.escape(activeRowKey)}"]`,
      );
      if (el) {
        pendingFocus.current = false;
        el.focus({ preventScroll: true });
      } else if (tries++ < 10) frame = requestAnimationFrame(focus);
    };
    focus();
    return () => cancelAnimationFrame(frame);
  }, [activeRowKey]);

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>): void => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    // Keys typed into a row's tick box or button are theirs.
    if (e.target instanceof HTMLElement && e.target.closest('input, button')) return;
    const move = treeKey(rows, active, e.key);
    if (!move) return;
    e.preventDefault();
    if ('toggle' in move) {
      onToggle(move.toggle);
      return;
    }
    const row = rows[move.to];
    if (!row) return;
    pendingFocus.current = true;
    setActiveKey(row.key);
    virtualizer.scrollToIndex(move.to, { align: 'auto' });
    // Same row (a key at an end): focus it again all the same.
    if (row.key === activeRowKey) {
      scrollRef.current
        ?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(row.key)}"]`)
        ?.focus();
    }
  };

  return (
    <div
      className="tree-scroll"
      ref={scrollRef}
      role="tree"
      aria-labelledby="tree-title"
      data-testid="camera-tree"
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        const key = (e.target as HTMLElement).closest<HTMLElement>('[data-row-key]')?.dataset
          .rowKey;
        if (key && key !== activeRowKey) setActiveKey(key);
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const style = { top: item.start, height: rowHeight, paddingLeft: 8 + row.depth * INDENT };
          if (row.kind === 'camera') {
            return (
              <CameraRow
                key={item.key}
                rowKey={row.key}
                level={row.depth + 1}
                active={item.index === active}
                camera={row.camera}
                path={row.path}
                status={statuses.get(row.camera.id) ?? row.camera.status}
                health={shownMark(health?.get(row.camera.id))}
                selected={row.camera.id === selectedId}
                checked={checked ? checked.has(row.camera.id) : null}
                onCheck={onCheck}
                style={style}
                onSelect={onSelect}
                onActivate={onActivate}
                onMenu={onMenu}
              />
            );
          }
          const id = row.kind === 'area' ? row.area.id : null;
          return (
            <AreaRow
              key={item.key}
              row={row}
              active={item.index === active}
              style={style}
              onToggle={() => onToggle(id ?? UNASSIGNED_ID)}
              onSend={id !== null && onSendArea ? () => onSendArea(id) : undefined}
              sendLabel={sendAreaLabel}
            />
          );
        })}
      </div>
    </div>
  );
}

const shownMark = (mark: HealthMark | undefined): ShownMark | null =>
  isShownMark(mark) ? mark : null;

interface RowStyle {
  top: number;
  height: number;
  paddingLeft: number;
}

function AreaRow({
  row,
  active,
  style,
  onToggle,
  onSend,
  sendLabel,
}: {
  row: Extract<TreeRow, { kind: 'area' | 'unassigned' }>;
  active: boolean;
  style: RowStyle;
  onToggle: () => void;
  onSend?: () => void;
  sendLabel?: string;
}) {
  const { t } = useTranslation();
  const send = sendLabel ?? t('walls.sendArea');
  const name = row.kind === 'area' ? row.area.name : t('tree.unassigned');
  return (
    <div
      className="tree-row area"
      style={style}
      role="treeitem"
      aria-expanded={row.expanded}
      aria-selected={false}
      aria-level={row.depth + 1}
      tabIndex={active ? 0 : -1}
      data-row-key={row.key}
      data-testid="area-row"
      data-area-id={row.kind === 'area' ? row.area.id : undefined}
      onClick={onToggle}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onToggle();
        }
      }}
    >
      <span className="caret" aria-hidden="true">
        {row.expanded ? '▾' : '▸'}
      </span>
      <span className="name">{name}</span>
      {row.kind === 'area' && <span className="level">{t(`areaLevel.${row.area.level}`)}</span>}
      <span className="count">{row.count}</span>
      {onSend && (
        <button
          type="button"
          className="send-area"
          data-testid="send-area"
          title={send}
          onClick={(e) => {
            e.stopPropagation();
            onSend();
          }}
          onKeyDown={(e) => e.stopPropagation()}
        >
          {send}
        </button>
      )}
    </div>
  );
}

interface CameraRowProps {
  rowKey: string;
  level: number;
  /** In the tab order (the tree's one row that is). */
  active: boolean;
  camera: Camera;
  path: readonly string[] | undefined;
  status: CameraStatus;
  /** A health mark to show (null: healthy or not known). */
  health: ShownMark | null;
  selected: boolean;
  /** null: no tick box (outside the Watch tab). */
  checked: boolean | null;
  onCheck?: (camera: Camera) => void;
  style: RowStyle;
  onSelect: (camera: Camera) => void;
  onActivate: (camera: Camera) => void;
  onMenu: (camera: Camera, x: number, y: number) => void;
}

const CameraRow = memo(function CameraRow({
  rowKey,
  level,
  active,
  camera,
  path,
  status,
  health,
  selected,
  checked,
  onCheck,
  style,
  onSelect,
  onActivate,
  onMenu,
}: CameraRowProps) {
  const { t } = useTranslation();
  const onDragStart = (e: DragEvent<HTMLDivElement>) => {
    e.dataTransfer.setData(CAMERA_DRAG_TYPE, camera.id);
    e.dataTransfer.setData('text/plain', camera.name);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <div
      className={`tree-row camera${selected ? ' selected' : ''}${path ? ' search-hit' : ''}`}
      style={style}
      role="treeitem"
      aria-selected={selected}
      aria-level={level}
      tabIndex={active ? 0 : -1}
      data-row-key={rowKey}
      draggable
      data-testid="camera-row"
      data-camera-id={camera.id}
      data-status={status}
      data-health={health ?? undefined}
      title={`${camera.name} · ${camera.id} · ${t(`kind.${camera.kind}`)} · ${t(`status.${status}`)}`}
      onClick={() => onSelect(camera)}
      onDoubleClick={() => onActivate(camera)}
      onContextMenu={(e) => {
        e.preventDefault();
        onSelect(camera);
        // From the keyboard (the menu key) the event has no pointer position: under the row.
        const box = e.currentTarget.getBoundingClientRect();
        const fromKeyboard = e.clientX === 0 && e.clientY === 0;
        onMenu(
          camera,
          fromKeyboard ? box.left + 24 : e.clientX,
          fromKeyboard ? box.bottom : e.clientY,
        );
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') onActivate(camera);
        else if (e.key === ' ') {
          e.preventDefault();
          onSelect(camera);
        }
      }}
      onDragStart={onDragStart}
    >
      {checked !== null && (
        <input
          type="checkbox"
          className="tick"
          data-testid="camera-check"
          checked={checked}
          aria-label={camera.name}
          onClick={(e) => e.stopPropagation()}
          onDoubleClick={(e) => e.stopPropagation()}
          onKeyDown={(e) => e.stopPropagation()}
          onChange={() => onCheck?.(camera)}
        />
      )}
      <span className={`dot ${status}`} role="img" aria-label={t(`status.${status}`)} />
      <span className={`kind ${camera.kind}`} title={t(`kind.${camera.kind}`)}>
        {t(`kindLetter.${camera.kind}`)}
      </span>
      <span className="name">{camera.name}</span>
      {health && (
        <span
          className={`health-mark ${health}`}
          role="img"
          data-testid="camera-health"
          aria-label={t(`health.tree.${health}`)}
          title={t(`health.tree.${health}`)}
        />
      )}
      <span className="camera-id">{camera.id}</span>
      {path && <span className="path">{path.join(' › ')}</span>}
    </div>
  );
});
