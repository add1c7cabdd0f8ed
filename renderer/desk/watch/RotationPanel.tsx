/**
 * Automatic rotation (自动轮巡) on the desk: every group the core holds (made here or from a map
 * selection; `rotation.list`, then each group edit from `rotation.groups`), what each running wall
 * shows (`rotation.state`, then `rotation`: page x/y of the group, paused and why, offline cameras
 * skipped), the controls a chief uses (start, stop, pause, resume, next, previous), and an editor
 * for a group's cameras, dwell, per-camera dwell and target wall and tiles.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunningRotation } from '../../../shared/contract/watch';
import type { RotationGroup } from '../../../shared/domain/watch';
import { useRotationGroups, useRotationRunning } from '../../state/use-watch-rotation';
import { CameraListEditor } from './CameraListEditor';
import { useWatch } from './watch-context';
import {
  DeleteButton,
  EditorCard,
  IconButton,
  ListCard,
  listState,
  NumberField,
  NumberInput,
  TextField,
  TileChips,
  useWallName,
  WallSelect,
  WatchTable,
} from './WatchFields';
import { cyclePosition, newWatchId, secondsToMs, targetTiles } from './watch-model';

export function RotationPanel() {
  const { t } = useTranslation();
  // The groups change only when one is saved or deleted; the running state at every page.
  const groupList = useRotationGroups().value;
  const running = useRotationRunning().value?.running ?? [];
  const [editing, setEditing] = useState<RotationGroup | 'new' | null>(null);
  const groups = groupList ?? [];

  return (
    <div className={`watch-split${editing ? ' editing' : ''}`}>
      <ListCard
        title={t('watchDesk.sections.rotation')}
        newTestId="rotation-new"
        onNew={() => setEditing('new')}
        state={groupList === undefined ? 'loading' : listState(groups)}
        emptyText={t('watchDesk.rotation.none')}
      >
        <WatchTable
          columns={[
            { label: t('watchDesk.rotation.group') },
            { label: t('watchDesk.rotation.cameras'), className: 'num' },
            { label: t('watchDesk.rotation.dwell'), className: 'num' },
            { label: t('watchDesk.rotation.target') },
            { label: t('watchDesk.rotation.state') },
            { label: t('watchDesk.common.actions'), className: 'actions' },
          ]}
          testId="rotation-table"
        >
          {groups.map((group) => (
            <GroupRow
              key={group.id}
              group={group}
              view={running.find((v) => v.groupId === group.id) ?? null}
              onEdit={() => setEditing(group)}
            />
          ))}
        </WatchTable>
      </ListCard>
      {editing && (
        <RotationEditor
          key={editing === 'new' ? 'new' : editing.id}
          group={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}

function GroupRow({
  group,
  view,
  onEdit,
}: {
  group: RotationGroup;
  view: RunningRotation | null;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const { act, busy } = useWatch();
  const wallName = useWallName();
  const wall = wallName(group.target.wallId);
  const tiles = targetTiles(group);
  const position = view ? cyclePosition(view, view.cameraCount) : null;
  const wallId = group.target.wallId;
  const control = (
    method: 'rotation.pause' | 'rotation.resume' | 'rotation.next' | 'rotation.previous',
    label: string,
  ) => void act(label, method, { wallId });

  return (
    <tr
      data-testid="watch-rotation-group"
      data-group-id={group.id}
      data-state={view ? (view.paused ? 'paused' : 'running') : 'stopped'}
      className={view ? (view.paused ? 'paused' : 'running') : ''}
    >
      <td className="name">
        <span className="ellipsis" title={group.name}>
          {group.name}
        </span>
        {group.id.startsWith('map-') && (
          <span className="tag">{t('watchDesk.rotation.fromMap')}</span>
        )}
      </td>
      <td className="num">{group.cameraIds.length}</td>
      <td className="num">
        {t('watchDesk.common.seconds', { seconds: Math.round(group.dwellMs / 1000) })}
      </td>
      <td>
        {wall}
        {tiles && (
          <span className="muted">
            {' '}
            · {t('watchDesk.common.tileNo', { tile: tiles.join(',') })}
          </span>
        )}
      </td>
      <td className="state" data-testid="rotation-state">
        {view && position ? (
          <>
            <span
              className={`state-pill ${view.paused ? 'paused' : 'running'}`}
              data-testid="rotation-page"
              data-page={position.page}
              data-of={position.of}
            >
              {t(view.paused ? 'watchDesk.rotation.page' : 'watchDesk.rotation.running', position)}
            </span>
            {view.paused && (
              <span className="state-pill paused" data-testid="rotation-paused">
                {t('watchDesk.rotation.paused', {
                  reasons: view.pauses.map((r) => t(`watchDesk.rotation.reasons.${r}`)).join('、'),
                })}
              </span>
            )}
            {view.skipCount > 0 && (
              <span className="muted" data-testid="rotation-skipped">
                {t('watchDesk.rotation.skipped', { count: view.skipCount })}
              </span>
            )}
          </>
        ) : (
          <span className="muted">{t('watchDesk.rotation.stopped')}</span>
        )}
      </td>
      <td className="actions">
        {view ? (
          <>
            <IconButton
              label={t('watchDesk.rotation.previous')}
              glyph="◀"
              testId="rotation-previous"
              disabled={busy}
              onClick={() => control('rotation.previous', t('watchDesk.rotation.previous'))}
            />
            {view.pauses.includes('operator') ? (
              <button
                type="button"
                data-testid="rotation-resume"
                disabled={busy}
                onClick={() => control('rotation.resume', t('watchDesk.rotation.resume'))}
              >
                {t('watchDesk.rotation.resume')}
              </button>
            ) : (
              <button
                type="button"
                data-testid="rotation-pause"
                disabled={busy}
                onClick={() => control('rotation.pause', t('watchDesk.rotation.pause'))}
              >
                {t('watchDesk.rotation.pause')}
              </button>
            )}
            <IconButton
              label={t('watchDesk.rotation.next')}
              glyph="▶"
              testId="rotation-next"
              disabled={busy}
              onClick={() => control('rotation.next', t('watchDesk.rotation.next'))}
            />
            <button
              type="button"
              data-testid="rotation-stop"
              disabled={busy}
              onClick={() =>
                void act(t('watchDesk.rotation.stop'), 'rotation.stop', { wallId }, () =>
                  t('watchDesk.rotation.stoppedOn', { wall }),
                )
              }
            >
              {t('watchDesk.rotation.stop')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="primary"
            data-testid="rotation-start"
            disabled={busy}
            onClick={() =>
              void act(t('watchDesk.rotation.start'), 'rotation.start', { id: group.id }, () =>
                t('watchDesk.rotation.started', { name: group.name, wall }),
              )
            }
          >
            {t('watchDesk.rotation.start')}
          </button>
        )}
        <button type="button" data-testid="rotation-edit" onClick={onEdit}>
          {t('watchDesk.common.edit')}
        </button>
        <DeleteButton
          testId="rotation-delete"
          onDelete={() =>
            void act(t('watchDesk.common.delete'), 'rotation.delete', { id: group.id }, () =>
              t('watchDesk.common.deleted', { name: group.name }),
            )
          }
        />
      </td>
    </tr>
  );
}

interface CameraEntry {
  cameraId: string;
  /** Seconds; null: the group's dwell. */
  overrideS: number | null;
}

function RotationEditor({ group, onClose }: { group: RotationGroup | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { act, busy, walls } = useWatch();
  const wallName = useWallName();
  const [name, setName] = useState(group?.name ?? '');
  const [dwellS, setDwellS] = useState(group ? group.dwellMs / 1000 : 10);
  const [wallId, setWallId] = useState(group?.target.wallId ?? walls[0]?.wallId ?? 1);
  const [tiles, setTiles] = useState<number[]>(group?.target.tileIndices ?? []);
  const [entries, setEntries] = useState<CameraEntry[]>(
    () =>
      group?.cameraIds.map((cameraId) => {
        const o = group.dwellOverrides[cameraId];
        return { cameraId, overrideS: o === undefined ? null : o / 1000 };
      }) ?? [],
  );

  const save = async (start: boolean) => {
    const overrides: Record<string, number> = {};
    for (const e of entries)
      if (e.overrideS !== null) overrides[e.cameraId] = secondsToMs(e.overrideS);
    const draft: RotationGroup = {
      id: group?.id ?? newWatchId('rot'),
      name,
      cameraIds: entries.map((e) => e.cameraId),
      dwellMs: secondsToMs(dwellS),
      dwellOverrides: overrides,
      target: { wallId, ...(tiles.length > 0 ? { tileIndices: tiles } : {}) },
    };
    const saved = await act(t('watchDesk.common.save'), 'rotation.save', draft, (g) =>
      t('watchDesk.common.saved', { name: g.name }),
    );
    if (!saved) return;
    if (start) {
      await act(t('watchDesk.rotation.start'), 'rotation.start', { id: saved.id }, () =>
        t('watchDesk.rotation.started', { name: saved.name, wall: wallName(saved.target.wallId) }),
      );
    }
    onClose();
  };

  return (
    <EditorCard
      title={t(group ? 'watchDesk.rotation.editTitle' : 'watchDesk.rotation.newTitle')}
      testId="rotation-editor"
      onSubmit={() => void save(false)}
    >
      <div className="watch-row">
        <TextField
          label={t('watchDesk.common.name')}
          testId="rotation-name"
          value={name}
          maxLength={100}
          onChange={setName}
          grow
        />
        <NumberField
          label={t('watchDesk.common.dwell')}
          testId="rotation-dwell"
          value={dwellS}
          onChange={(v) => setDwellS(v ?? Number.NaN)}
        />
        <WallSelect
          testId="rotation-wall"
          value={wallId}
          onChange={(w) => {
            setWallId(w);
            setTiles([]);
          }}
        />
      </div>
      <TileChips wallId={wallId} value={tiles} onChange={setTiles} />
      <CameraListEditor
        testId="rotation-cameras"
        items={entries}
        onChange={setEntries}
        make={(cameraId) => ({ cameraId, overrideS: null })}
        unique
        columns={[t('watchDesk.rotation.override')]}
        renderFields={(entry, update) => (
          <td>
            <NumberInput
              testId="rotation-override"
              label={t('watchDesk.rotation.override')}
              placeholder={t('watchDesk.rotation.overrideHint')}
              value={entry.overrideS}
              onChange={(overrideS) => update({ overrideS })}
            />
          </td>
        )}
      />
      <div className="watch-buttons">
        <button type="submit" className="primary" data-testid="rotation-save" disabled={busy}>
          {t('watchDesk.common.save')}
        </button>
        <button
          type="button"
          data-testid="rotation-save-start"
          disabled={busy}
          onClick={() => void save(true)}
        >
          {t('watchDesk.rotation.saveStart')}
        </button>
        <button type="button" onClick={onClose}>
          {t('watchDesk.common.cancel')}
        </button>
      </div>
    </EditorCard>
  );
}
