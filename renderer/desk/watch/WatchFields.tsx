/** Small form pieces the watch screens share: wall and tile choosers, a two-step delete. */
import { useState } from 'react';
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
