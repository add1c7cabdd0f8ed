/**
 * A desk miniature's picture (issue #14 item 4): the same key-frame preview as a held-back wall
 * tile, smaller and slower (the playlist read every few seconds), behind the tile's words. It
 * shows only once a picture is drawn; the tile's words stay readable over it.
 */
import { useRef } from 'react';
import { useKeyFramePreview } from './use-key-frame-preview';
import './preview.css';

/** A desk's miniature reads its camera's playlist this often. */
export const MINI_PREVIEW_POLL_MS = 4000;

export function MiniPreview({ url }: { url: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const preview = useKeyFramePreview(url, canvas, MINI_PREVIEW_POLL_MS);
  return (
    <canvas
      ref={canvas}
      className={`mini-preview${preview.kind === 'showing' ? ' showing' : ''}`}
      data-testid="mini-preview"
      data-preview={preview.kind}
      aria-hidden="true"
    />
  );
}
