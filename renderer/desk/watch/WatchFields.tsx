/** Small form pieces the watch screens share: wall and tile choosers, a two-step delete. */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallState } from '../../../shared/api';
import { tileCountOf, useWatch } from './watch-context';

/** A wall's name for the operator: the name given to it, else "Wall N" / "N 号墙". */
export function useWallName(): (wallId: number) => string {
  const { t } = useTranslation();
  const { walls } = useWatch();
  return (wallId) =>
    walls.find((w: WallState) => w.wallId === wallId)?.name ?? t('walls.wall', { id: wallId });
}

function NumberSelect({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: number;
  options: readonly { value: number; label: string }[];
  onChange: (value: number) => void;
  testId: string;
}) {
  return (
    <label className="watch-field">
      <span>{label}</span>
      <select
        data-testid={testId}
        value={value}
        onChange={(event) => onChange(Number(event.target.value))}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function WallSelect(props: {
  value: number;
  onChange: (wallId: number) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const { walls } = useWatch();
  const wallName = useWallName();
  const ids = walls.some((w) => w.wallId === props.value)
    ? walls.map((w) => w.wallId)
    : [props.value, ...walls.map((w) => w.wallId)];
  return (
    <NumberSelect
      {...props}
      label={t('watchDesk.common.wall')}
      options={ids.map((id) => ({ value: id, label: wallName(id) }))}
    />
  );
}

export function TileSelect({
  wallId,
  ...props
}: {
  wallId: number;
  value: number;
  onChange: (tileIndex: number) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const { walls } = useWatch();
  const count = Math.max(tileCountOf(walls, wallId), props.value + 1);
  return (
    <NumberSelect
      {...props}
      label={t('watchDesk.common.tile')}
      options={Array.from({ length: count }, (_, i) => ({ value: i, label: String(i + 1) }))}
    />
  );
}

/** A one-glyph button whose words are its tooltip and its accessible name. */
export function IconButton({
  label,
  glyph,
  onClick,
  disabled,
  testId,
}: {
  label: string;
  glyph: string;
  onClick: () => void;
  disabled?: boolean;
  testId?: string;
}) {
  return (
    <button
      type="button"
      className="icon"
      data-testid={testId}
      title={label}
      aria-label={label}
      disabled={disabled}
      onClick={onClick}
    >
      {glyph}
    </button>
  );
}

/** Tiles as toggles; none ticked means every tile of the wall. */
export function TileChips({
  wallId,
  value,
  onChange,
}: {
  wallId: number;
  value: readonly number[];
  onChange: (tiles: number[]) => void;
}) {
  const { t } = useTranslation();
  const { walls } = useWatch();
  const count = tileCountOf(walls, wallId);
  const set = new Set(value);
  return (
    <fieldset className="watch-field tile-chips" data-testid="rotation-tiles">
      <legend>{t('watchDesk.common.tiles')}</legend>
      {Array.from({ length: count }, (_, i) => (
        <label key={i} className={set.has(i) ? 'chip on' : 'chip'}>
          <input
            type="checkbox"
            checked={set.has(i)}
            onChange={() =>
              onChange(
                set.has(i) ? value.filter((x) => x !== i) : [...value, i].sort((a, b) => a - b),
              )
            }
          />
          {i + 1}
        </label>
      ))}
      {value.length === 0 && <span className="muted">{t('watchDesk.common.allTiles')}</span>}
    </fieldset>
  );
}

/** Delete in two clicks: a tired hand does not lose a group to one stray click. */
export function DeleteButton({ onDelete, testId }: { onDelete: () => void; testId: string }) {
  const { t } = useTranslation();
  const [armed, setArmed] = useState(false);
  return (
    <button
      type="button"
      className={armed ? 'danger armed' : 'danger'}
      data-testid={testId}
      onBlur={() => setArmed(false)}
      onClick={() => {
        if (armed) onDelete();
        setArmed(!armed);
      }}
    >
      {armed ? t('watchDesk.common.confirmDelete') : t('watchDesk.common.delete')}
    </button>
  );
}

/** A titled card for a list: a "New" button when asked, "loading" and "none yet" states. */
export function ListCard({
  title,
  testId,
  newTestId,
  onNew,
  tools,
  state,
  emptyText,
  children,
}: {
  title: string;
  testId?: string;
  newTestId?: string;
  onNew?: () => void;
  /** Buttons in the card's head, after the title. */
  tools?: ReactNode;
  /** 'loading' before the first answer; 'empty' when there is nothing to list. */
  state: 'loading' | 'empty' | 'ready';
  emptyText: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="watch-card" data-testid={testId}>
      <header className="watch-card-head">
        <h3>{title}</h3>
        {tools}
        {onNew && (
          <button type="button" data-testid={newTestId} onClick={onNew}>
            {t('watchDesk.common.new')}
          </button>
        )}
      </header>
      {state === 'loading' ? (
        <div className="muted">{t('watchDesk.common.loading')}</div>
      ) : state === 'empty' ? (
        <div className="muted watch-hint">{emptyText}</div>
      ) : (
        children
      )}
    </section>
  );
}

export const listState = (list: readonly unknown[] | undefined): 'loading' | 'empty' | 'ready' =>
  list === undefined ? 'loading' : list.length === 0 ? 'empty' : 'ready';

/** An editor: a highlighted card holding one form; Enter saves. */
export function EditorCard({
  title,
  testId,
  onSubmit,
  children,
}: {
  title: string;
  testId: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  return (
    <section className="watch-card watch-editor" data-testid={testId}>
      <header className="watch-card-head">
        <h3>{title}</h3>
      </header>
      <form
        className="watch-form"
        // The contract checks every field and says which one is wrong; the browser's own
        // validation would block the save with a bubble in the browser's language instead.
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
      </form>
    </section>
  );
}

export function TextField({
  label,
  value,
  onChange,
  testId,
  maxLength,
  placeholder,
  grow,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  maxLength: number;
  placeholder?: string;
  grow?: boolean;
}) {
  return (
    <label className={grow ? 'watch-field grow' : 'watch-field'}>
      <span>{label}</span>
      <input
        data-testid={testId}
        value={value}
        maxLength={maxLength}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

/** A number (a dwell in seconds, a period in hours); empty is null. The contract judges range. */
export function NumberInput({
  value,
  onChange,
  label,
  testId,
  placeholder,
}: {
  value: number | null;
  onChange: (seconds: number | null) => void;
  label: string;
  testId: string;
  placeholder?: string;
}) {
  return (
    <input
      type="number"
      className="narrow"
      data-testid={testId}
      step="any"
      aria-label={label}
      placeholder={placeholder}
      value={value !== null && Number.isFinite(value) ? value : ''}
      onChange={(e) => onChange(e.target.value === '' ? null : e.target.valueAsNumber)}
    />
  );
}

export interface Column {
  label: string;
  /** 'num' (right-aligned figures) or 'actions' (buttons, right). */
  className?: 'num' | 'actions';
}

/** A dense table with a sticky head, scrolling inside its card (`short`: a few rows high). */
export function WatchTable({
  columns,
  testId,
  short,
  children,
}: {
  columns: readonly Column[];
  testId?: string;
  short?: boolean;
  children: ReactNode;
}) {
  return (
    <div className={short ? 'watch-table-scroll short' : 'watch-table-scroll'}>
      <table className="watch-table" data-testid={testId}>
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} className={c.className}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/** A labelled NumberInput in a form row. */
export function NumberField(props: {
  value: number | null;
  onChange: (value: number | null) => void;
  label: string;
  testId: string;
}) {
  return (
    <label className="watch-field">
      <span>{props.label}</span>
      <NumberInput {...props} />
    </label>
  );
}
