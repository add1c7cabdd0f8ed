/**
 * The layout editor: a grid of squares where dragging across squares merges them into one cell
 * and a click on a merged cell splits it; saved by name (`layout.save`), then offered in every
 * wall's layout picker. The geometry (merge/split/validation) is shared/domain/layouts.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  cellAt,
  gridArea,
  gridLayout,
  LayoutError,
  mergeCells,
  rectBetween,
  splitCell,
  type GridLayout,
} from '../../shared/domain/layouts';

export interface LayoutEditorProps {
  onSave: (name: string, layout: GridLayout) => Promise<boolean>;
}

interface Square {
  col: number;
  row: number;
}

export function LayoutEditor({ onSave }: LayoutEditorProps) {
  const { t } = useTranslation();
  const [layout, setLayout] = useState<GridLayout>(() => gridLayout(4, 4));
  const [from, setFrom] = useState<Square | null>(null);
  const [to, setTo] = useState<Square | null>(null);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);

  const resize = (cols: number, rows: number) => {
    setLayout(gridLayout(cols, rows));
    setError(null);
  };
  const selection = from && to ? rectBetween(from, to) : null;
  const inSelection = (s: Square) =>
    selection !== null &&
    s.col >= selection.col &&
    s.col < selection.col + selection.colSpan &&
    s.row >= selection.row &&
    s.row < selection.row + selection.rowSpan;

  const finish = () => {
    if (!from || !to) return;
    const rect = rectBetween(from, to);
    setFrom(null);
    setTo(null);
    if (rect.colSpan === 1 && rect.rowSpan === 1) {
      const index = cellAt(layout, rect.col, rect.row);
      const cell = layout.cells[index];
      if (cell && (cell.colSpan > 1 || cell.rowSpan > 1)) setLayout(splitCell(layout, index));
      return;
    }
    try {
      setLayout(mergeCells(layout, rect));
      setError(null);
    } catch (e) {
      setError(e instanceof LayoutError ? e.errors.join('; ') : String(e));
    }
  };

  const sizes = [1, 2, 3, 4, 5, 6, 7, 8];
  return (
    <section className="panel layout-editor" data-testid="layout-editor">
      <h2 className="panel-title">{t('layout.title')}</h2>
      <div className="tool-row">
        <label>
          {t('layout.cols')}{' '}
          <select
            data-testid="layout-cols"
            value={layout.cols}
            onChange={(e) => resize(Number(e.target.value), layout.rows)}
          >
            {sizes.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <label>
          {t('layout.rows')}{' '}
          <select
            data-testid="layout-rows"
            value={layout.rows}
            onChange={(e) => resize(layout.cols, Number(e.target.value))}
          >
            {sizes.map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <span className="muted">{t('layout.tiles', { count: layout.cells.length })}</span>
        <button type="button" onClick={() => resize(layout.cols, layout.rows)}>
          {t('layout.reset')}
        </button>
      </div>
      <div className="muted">{t('layout.hint')}</div>
      <div
        className="layout-editor-grid"
        style={{
          gridTemplateColumns: `repeat(${layout.cols}, minmax(0, 1fr))`,
          gridTemplateRows: `repeat(${layout.rows}, minmax(0, 1fr))`,
        }}
        onPointerLeave={() => {
          setFrom(null);
          setTo(null);
        }}
      >
        {layout.cells.map((cell, index) => {
          const merged = cell.colSpan > 1 || cell.rowSpan > 1;
          return (
            <div
              key={`${cell.col},${cell.row}`}
              className={`layout-editor-cell${merged ? ' merged' : ''}${
                inSelection(cell) ? ' selecting' : ''
              }`}
              style={{ gridArea: gridArea(cell) }}
              data-testid="layout-editor-cell"
              data-col={cell.col}
              data-row={cell.row}
              onPointerDown={(e) => {
                e.preventDefault();
                setFrom({ col: cell.col, row: cell.row });
                setTo({ col: cell.col, row: cell.row });
              }}
              onPointerEnter={() => {
                if (from)
                  setTo({ col: cell.col + cell.colSpan - 1, row: cell.row + cell.rowSpan - 1 });
              }}
              onPointerUp={finish}
            >
              {index + 1}
            </div>
          );
        })}
      </div>
      {error && <div className="notice error">{error}</div>}
      <form
        className="tool-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (!name.trim()) return;
          void onSave(name.trim(), layout).then((ok) => ok && setName(''));
        }}
      >
        <input
          data-testid="layout-name"
          aria-label={t('layout.name')}
          placeholder={t('layout.name')}
          value={name}
          maxLength={64}
          onChange={(e) => setName(e.target.value)}
        />
        <button type="submit" data-testid="layout-save" disabled={!name.trim()}>
          {t('layout.save')}
        </button>
      </form>
    </section>
  );
}
