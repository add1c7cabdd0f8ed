/**
 * Exporting a clip from a window (a wall tile in playback, the desk's tile menu): fetch and join
 * the range's segments (clip-export.ts), hand the file over as a download, then put the export in
 * the audit log (`playback.clipExported`). The progress, the outcome and any failure are said in
 * words by `ClipExportStatus`; a failed export saves nothing.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Camera } from '../../shared/api';
import { useTimeZone } from '../state/use-time-zone';
import { useClient } from '../transport/use-client';
import { ClipExportError, clipFileName, exportClip, playbackUrl } from './clip-export';
import { downloadBlob } from './download';
import { NOTICE_MS } from './use-notice';
import './playback.css';

export type ClipExportState =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; total: number }
  | { kind: 'done'; fileName: string; bytes: number; auditError: string | null }
  | { kind: 'failed'; text: string };

export interface ClipExport {
  state: ClipExportState;
  start(camera: Camera, startMs: number, endMs: number): void;
  cancel(): void;
  dismiss(): void;
}

export function useClipExport(): ClipExport {
  const { t } = useTranslation();
  const client = useClient();
  const zone = useTimeZone();
  const [state, setState] = useState<ClipExportState>({ kind: 'idle' });
  // An export runs to its end when its panel closes (the file was asked for); "stop" aborts it.
  const running = useRef<AbortController | null>(null);

  const failure = useCallback(
    (error: unknown): string => {
      if (!(error instanceof ClipExportError)) {
        return t('playback.export.error.other', { message: String(error) });
      }
      if (error.kind === 'segment' && error.at?.n === 0) {
        return t('playback.export.error.init', { message: error.message });
      }
      return t(`playback.export.error.${error.kind}`, {
        message: error.message,
        n: error.at?.n ?? 0,
        total: error.at?.total ?? 0,
      });
    },
    [t],
  );

  const start = useCallback(
    (camera: Camera, startMs: number, endMs: number) => {
      const template = camera.playbackUrlTemplate;
      if (!template || running.current) return;
      const abort = new AbortController();
      running.current = abort;
      setState({ kind: 'running', done: 0, total: 0 });
      void (async () => {
        try {
          const clip = await exportClip({
            playlistUrl: playbackUrl(template, startMs, endMs),
            signal: abort.signal,
            onProgress: (p) => setState({ kind: 'running', done: p.done, total: p.total }),
          });
          const fileName = clipFileName(
            camera.name || camera.id,
            startMs,
            endMs,
            zone,
            clip.container,
          );
          // A clip is large: the URL stays a minute for the download to start.
          downloadBlob(fileName, clip.blob, 60_000);
          const audit = await client.call('playback.clipExported', {
            cameraId: camera.id,
            startMs,
            endMs,
            fileName,
            bytes: clip.bytes,
          });
          setState({
            kind: 'done',
            fileName,
            bytes: clip.bytes,
            auditError: audit.ok
              ? null
              : `${t(`errors.${audit.error.code}`)} (${audit.error.message})`,
          });
        } catch (error) {
          setState({ kind: 'failed', text: failure(error) });
        } finally {
          running.current = null;
        }
      })();
    },
    [client, failure, t, zone],
  );

  // The outcome goes away on its own, as every notice does (an error stays longer).
  useEffect(() => {
    if (state.kind !== 'done' && state.kind !== 'failed') return;
    const ms = state.kind === 'failed' || state.auditError ? NOTICE_MS.error : NOTICE_MS.info * 2;
    const timer = setTimeout(() => setState({ kind: 'idle' }), ms);
    return () => clearTimeout(timer);
  }, [state]);

  const cancel = useCallback(() => running.current?.abort(), []);
  const dismiss = useCallback(() => setState({ kind: 'idle' }), []);
  return { state, start, cancel, dismiss };
}

/** The export's progress ("n / N segments"), the file saved, or why nothing was saved. */
export function ClipExportStatus({
  exporting,
  className,
}: {
  exporting: ClipExport;
  className?: string;
}) {
  const { t } = useTranslation();
  const { state } = exporting;
  if (state.kind === 'idle') return null;
  return (
    <div
      className={['clip-export', `clip-${state.kind}`, className].filter(Boolean).join(' ')}
      data-testid="clip-export"
      data-state={state.kind}
      role="status"
      onDoubleClick={(e) => e.stopPropagation()}
    >
      {state.kind === 'running' && (
        <>
          <span data-testid="clip-progress" data-done={state.done} data-total={state.total}>
            {t('playback.export.progress', { done: state.done, total: state.total || '…' })}
          </span>
          <progress max={state.total || 1} value={state.done} />
          <button type="button" onClick={exporting.cancel}>
            {t('playback.export.cancel')}
          </button>
        </>
      )}
      {state.kind === 'done' && (
        <>
          <span data-testid="clip-done">
            {t('playback.export.done', {
              file: state.fileName,
              size: (state.bytes / 1_048_576).toFixed(1),
            })}
          </span>
          {state.auditError && (
            <span className="clip-warn">
              {t('playback.export.notRecorded', { message: state.auditError })}
            </span>
          )}
        </>
      )}
      {state.kind === 'failed' && (
        <span className="clip-error" data-testid="clip-error">
          {state.text}
        </span>
      )}
      {state.kind !== 'running' && (
        <button type="button" aria-label={t('wall.tile.close')} onClick={exporting.dismiss}>
          ✕
        </button>
      )}
    </div>
  );
}
