/**
 * An editor's ordered camera list (a rotation group's cameras, a tour's stops): add the cameras
 * ticked in the tree or the one selected there, reorder, remove, and per-row fields the editor
 * supplies (a dwell override, a stop's dwell and what to check).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cameraName, useWatch } from './watch-context';
import { IconButton, WatchTable } from './WatchFields';
import { appendUnique, moveItem } from './watch-model';

export interface CameraListEditorProps<T extends { cameraId: string }> {
  items: readonly T[];
  onChange: (items: T[]) => void;
  make: (cameraId: string) => T;
  /** Headers of the per-row fields. */
  columns: readonly string[];
  renderFields: (item: T, update: (patch: Partial<T>) => void) => ReactNode;
  /** A tour may visit a camera twice; a rotation group lists each once. */
  unique: boolean;
  testId: string;
}

export function CameraListEditor<T extends { cameraId: string }>({
  items,
  onChange,
  make,
  columns,
  renderFields,
  unique,
  testId,
}: CameraListEditorProps<T>) {
  const { t } = useTranslation();
  const { cameras, statuses, selectedId, checkedIds, clearChecked } = useWatch();

  const add = (ids: readonly string[]) => {
    const current = items.map((i) => i.cameraId);
    const added = unique ? appendUnique(current, ids).slice(current.length) : [...ids];
    onChange([...items, ...added.map(make)]);
  };
  const update = (index: number, patch: Partial<T>) =>
    onChange(items.map((item, i) => (i === index ? { ...item, ...patch } : item)));

  return (
    <div className="watch-cameras" data-testid={testId} data-count={items.length}>
      <div className="watch-pickbar">
        <button
          type="button"
          data-testid="pick-checked"
          disabled={checkedIds.length === 0}
          onClick={() => {
            add(checkedIds);
            clearChecked();
          }}
        >
          {t('watchDesk.pick.addChecked', { count: checkedIds.length })}
        </button>
        <button
          type="button"
          data-testid="pick-selected"
          disabled={selectedId === null}
          onClick={() => selectedId && add([selectedId])}
        >
          {t('watchDesk.pick.addSelected')}
        </button>
        <button type="button" disabled={checkedIds.length === 0} onClick={clearChecked}>
          {t('watchDesk.pick.clearChecked')}
        </button>
        <span className="muted">{t('watchDesk.pick.count', { count: items.length })}</span>
      </div>
      {items.length === 0 ? (
        <div className="muted watch-hint">
          {t('watchDesk.pick.empty')} {t('watchDesk.pick.hint')}
        </div>
      ) : (
        <WatchTable
          short
          columns={[
            { label: '#', className: 'num' },
            { label: t('watchDesk.common.camera') },
            ...columns.map((label) => ({ label })),
            { label: t('watchDesk.common.actions'), className: 'actions' },
          ]}
        >
          {items.map((item, index) => {
            const status = statuses.get(item.cameraId) ?? cameras.get(item.cameraId)?.status;
            return (
              <tr
                key={`${item.cameraId}-${index}`}
                data-testid={`${testId}-row`}
                data-camera-id={item.cameraId}
              >
                <td className="num">{index + 1}</td>
                <td className="camera" title={item.cameraId}>
                  <span className={`dot ${status ?? 'unknown'}`} aria-hidden="true" />
                  <span className="ellipsis">{cameraName(cameras, item.cameraId)}</span>
                </td>
                {renderFields(item, (patch) => update(index, patch))}
                <td className="actions">
                  <IconButton
                    label={t('watchDesk.common.up')}
                    glyph="↑"
                    disabled={index === 0}
                    onClick={() => onChange(moveItem(items, index, -1))}
                  />
                  <IconButton
                    label={t('watchDesk.common.down')}
                    glyph="↓"
                    disabled={index === items.length - 1}
                    onClick={() => onChange(moveItem(items, index, 1))}
                  />
                  <IconButton
                    label={t('watchDesk.common.remove')}
                    glyph="✕"
                    testId="remove-camera"
                    onClick={() => onChange(items.filter((_, i) => i !== index))}
                  />
                </td>
              </tr>
            );
          })}
        </WatchTable>
      )}
    </div>
  );
}
