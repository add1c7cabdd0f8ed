/**
 * The camera tree (region > zone > grid > camera), virtualised: only the rows on screen exist in
 * the DOM, so 26,000 cameras scroll like 26. A search replaces the tree with the matching cameras
 * and their paths. Click selects (for marking), double-click puts the camera on the target tile,
 * and a camera row can be dragged onto a wall miniature's tile. With `checked` (the Watch tab),
 * camera rows carry a tick box, for making rotation groups, tours and pins from many cameras.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useDeferredValue, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, CameraStatus } from '../../shared/api';
import {
  allAreaIds,
  flattenTree,
  normaliseQuery,
  searchTree,
  type CameraTree as Tree,
  type TreeRow,
  UNASSIGNED_ID,
} from '../common/camera-tree';
import { CAMERA_DRAG_TYPE } from './drag';

const TREE_ROW_HEIGHT = 30;
const SEARCH_ROW_HEIGHT = 46;
const INDENT = 16;

export interface CameraTreeProps {
  tree: Tree;
  statuses: ReadonlyMap<string, CameraStatus>;
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
    <section className="panel" aria-labelledby="tree-title">
      <h2 className="panel-title" id="tree-title">
        {t('tree.title')}
        <span className="muted">{t('tree.total', { count: tree.cameras.size })}</span>
      </h2>
      <div className="tree-tools">
        <input
          type="search"
          data-testid="search-input"
          value={query}
          placeholder={t('tree.search')}
          aria-label={t('tree.search')}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setQuery('');
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
        selectedId={selectedId}
        onToggle={toggle}
        onSelect={onSelect}
        onActivate={onActivate}
        onSendArea={onSendArea}
        sendAreaLabel={sendAreaLabel}
        checked={checked}
        onCheck={onCheck}
      />
    </section>
  );
}

interface TreeListProps {
  rows: readonly TreeRow[];
  rowHeight: number;
  statuses: ReadonlyMap<string, CameraStatus>;
  selectedId: string | null;
  onToggle: (areaId: string) => void;
  onSelect: (camera: Camera) => void;
  onActivate: (camera: Camera) => void;
  onSendArea?: (areaId: string) => void;
  sendAreaLabel?: string;
  checked?: ReadonlySet<string>;
  onCheck?: (camera: Camera) => void;
}

function TreeList({
  rows,
  rowHeight,
  statuses,
  selectedId,
  onToggle,
  onSelect,
  onActivate,
  onSendArea,
  sendAreaLabel,
  checked,
  onCheck,
}: TreeListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual keeps mutable state outside React; it is re-read on every render on purpose.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    getItemKey: (index) => rows[index]?.key ?? index,
  });

  return (
    <div className="tree-scroll" ref={scrollRef} role="tree" aria-labelledby="tree-title">
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const style = { top: item.start, height: rowHeight, paddingLeft: 8 + row.depth * INDENT };
          if (row.kind === 'camera') {
            return (
              <CameraRow
                key={item.key}
                camera={row.camera}
                path={row.path}
                status={statuses.get(row.camera.id) ?? row.camera.status}
                selected={row.camera.id === selectedId}
                checked={checked ? checked.has(row.camera.id) : null}
                onCheck={onCheck}
                style={style}
                onSelect={onSelect}
                onActivate={onActivate}
              />
            );
          }
          const id = row.kind === 'area' ? row.area.id : null;
          return (
            <AreaRow
              key={item.key}
              row={row}
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

interface RowStyle {
  top: number;
  height: number;
  paddingLeft: number;
}

function AreaRow({
  row,
  style,
  onToggle,
  onSend,
  sendLabel,
}: {
  row: Extract<TreeRow, { kind: 'area' | 'unassigned' }>;
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
      aria-level={row.depth + 1}
      tabIndex={0}
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
  camera: Camera;
  path: readonly string[] | undefined;
  status: CameraStatus;
  selected: boolean;
  /** null: no tick box (outside the Watch tab). */
  checked: boolean | null;
  onCheck?: (camera: Camera) => void;
  style: RowStyle;
  onSelect: (camera: Camera) => void;
  onActivate: (camera: Camera) => void;
}

const CameraRow = memo(function CameraRow({
  camera,
  path,
  status,
  selected,
  checked,
  onCheck,
  style,
  onSelect,
  onActivate,
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
      tabIndex={0}
      draggable
      data-testid="camera-row"
      data-camera-id={camera.id}
      data-status={status}
      title={`${camera.name} · ${camera.id} · ${t(`kind.${camera.kind}`)} · ${t(`status.${status}`)}`}
      onClick={() => onSelect(camera)}
      onDoubleClick={() => onActivate(camera)}
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
      <span className="camera-id">{camera.id}</span>
      {path && <span className="path">{path.join(' › ')}</span>}
    </div>
  );
});
