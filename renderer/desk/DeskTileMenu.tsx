/**
 * A wall tile's menu at the desk (issue #15, playback from the desk): for the tile chosen in the
 * wall miniatures (a click, or a right-click), play back a chosen date and time on it (the one
 * PlaybackPicker), put it back to live, and export a clip — of the range it plays back (at most
 * 1 h) or of a picked range. The outcome of each is said here in words.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera, WallState } from '../../shared/api';
import { maxClipMs } from '../../shared/contract/tile';
import type { Result } from '../../shared/result';
import { ClipExportStatus, useClipExport } from '../common/ClipExport';
import { rangeLabel } from '../common/clip-export';
import { PlaybackPicker, type PickedRange } from '../common/PlaybackPicker';
import { tileCameras, type WallTarget } from '../common/wall-target';
import { useTimeZone } from '../state/use-time-zone';
import { useClient } from '../transport/use-client';
import { useTileModes } from '../wall/use-tile-mode';

export function DeskTileMenu({
  wall,
  at,
  cameras,
  onClose,
}: {
  wall: WallState;
  at: WallTarget;
  cameras: ReadonlyMap<string, Camera>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const zone = useTimeZone();
  const client = useClient();
  const modes = useTileModes(wall.wallId);
  const exporting = useClipExport();
  const [open, setOpen] = useState<'none' | 'play' | 'export'>('none');
  const [said, setSaid] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);

  const cameraId = tileCameras(wall)[at.tileIndex] ?? null;
  const camera = cameraId ? cameras.get(cameraId) : undefined;
  const playing = modes?.modes.find((m) => m.tileIndex === at.tileIndex)?.mode ?? null;
  const wallName = t('walls.wall', { id: wall.wallId });
  const tile = at.tileIndex + 1;
  const title = t('playback.desk.title', {
    wall: wallName,
    tile,
    camera: camera?.name ?? cameraId ?? t('walls.tileEmpty'),
  });

  const act = async (work: () => Promise<Result<unknown>>, done: string): Promise<void> => {
    setBusy(true);
    try {
      const r = await work();
      setSaid(
        r.ok
          ? { text: done, error: false }
          : {
              text: t('playback.desk.failed', {
                message: `${t(`errors.${r.error.code}`)} (${r.error.message})`,
              }),
              error: true,
            },
      );
      if (r.ok) setOpen('none');
    } finally {
      setBusy(false);
    }
  };
  const play = (range: PickedRange): void =>
    void act(
      () =>
        client.call('tile.playback', {
          wallId: wall.wallId,
          tileIndexes: [at.tileIndex],
          ...range,
          speed: 1,
        }),
      t('playback.desk.started', {
        wall: wallName,
        tile,
        range: rangeLabel(range.startMs, range.endMs, zone),
      }),
    );
  const live = (): void =>
    void act(
      () => client.call('tile.live', { wallId: wall.wallId, tileIndexes: [at.tileIndex] }),
      t('playback.desk.backLive', { wall: wallName, tile }),
    );

  const canPlay = Boolean(camera?.playbackUrlTemplate);
  const playedFits = playing !== null && playing.endMs - playing.startMs <= maxClipMs;
  return (
    <section
      className="desk-tile-menu"
      data-testid="desk-tile-menu"
      data-wall-id={wall.wallId}
      data-tile-index={at.tileIndex}
      data-mode={playing ? 'playback' : 'live'}
    >
      <div className="desk-tile-menu-head">
        <h3>{title}</h3>
        <button type="button" aria-label={t('wall.tile.close')} onClick={onClose}>
          ✕
        </button>
      </div>
      {!camera ? (
        <div className="muted">{t('playback.desk.empty')}</div>
      ) : (
        <>
          <div className="desk-tile-mode" data-testid="desk-tile-mode">
            {playing
              ? t('playback.desk.playing', {
                  range: rangeLabel(playing.startMs, playing.endMs, zone),
                })
              : t('playback.desk.isLive')}
          </div>
          {!canPlay && <div className="muted">{t('playback.desk.noRecordings')}</div>}
          <div className="tool-row">
            <button
              type="button"
              data-testid="desk-tile-playback"
              disabled={!canPlay || busy}
              aria-expanded={open === 'play'}
              onClick={() => setOpen(open === 'play' ? 'none' : 'play')}
            >
              {t('playback.desk.playBack')}
            </button>
            {playing && (
              <button type="button" data-testid="desk-tile-live" disabled={busy} onClick={live}>
                {t('playback.desk.live')}
              </button>
            )}
            {playing && playedFits && (
              <button
                type="button"
                data-testid="desk-tile-export-played"
                disabled={exporting.state.kind === 'running'}
                onClick={() => exporting.start(camera, playing.startMs, playing.endMs)}
              >
                {t('playback.export.played')}
              </button>
            )}
            <button
              type="button"
              data-testid="desk-tile-export"
              disabled={!canPlay || exporting.state.kind === 'running'}
              aria-expanded={open === 'export'}
              onClick={() => setOpen(open === 'export' ? 'none' : 'export')}
            >
              {t('playback.export.pick')}
            </button>
          </div>
          {open === 'play' && (
            <PlaybackPicker
              key="play"
              initialStartMs={playing?.startMs}
              busy={busy}
              onSubmit={play}
              onCancel={() => setOpen('none')}
            />
          )}
          {open === 'export' && (
            <>
              {playing && !playedFits && (
                <div className="picker-note">
                  {t('playback.export.tooLong', {
                    minutes: Math.round((playing.endMs - playing.startMs) / 60_000),
                  })}
                </div>
              )}
              <PlaybackPicker
                key="export"
                initialStartMs={playing?.startMs}
                maxMs={maxClipMs}
                submitLabel={t('playback.export.exportPicked')}
                onSubmit={(range) => {
                  setOpen('none');
                  exporting.start(camera, range.startMs, range.endMs);
                }}
                onCancel={() => setOpen('none')}
              />
            </>
          )}
          <ClipExportStatus exporting={exporting} />
        </>
      )}
      {said && (
        <div
          className={`desk-tile-said${said.error ? ' error' : ''}`}
          data-testid="desk-tile-said"
          role="status"
        >
          {said.text}
        </div>
      )}
    </section>
  );
}
