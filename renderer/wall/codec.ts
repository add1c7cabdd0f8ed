/**
 * Which video codecs this browser can decode, asked the way hls.js asks (MSE), and their names
 * for the operator. Chromium as shipped here has no H.265: a camera that sends it gets a tile
 * that names the codec instead of a spinner.
 */

/** `hvc1.1.6.L93.B0` → "H.265"; `avc1.64001f` → "H.264"; anything else as it came. */
export function codecName(codec: string): string {
  const c = codec.trim().toLowerCase();
  if (c.startsWith('hvc1') || c.startsWith('hev1')) return 'H.265';
  if (c.startsWith('avc1') || c.startsWith('avc3')) return 'H.264';
  if (c.startsWith('av01')) return 'AV1';
  if (c.startsWith('vp09')) return 'VP9';
  return codec;
}

/** True when MSE can decode `codec` in fMP4 (what hls.js remuxes every format into). */
export function canDecode(
  codec: string,
  isTypeSupported: (type: string) => boolean = defaultIsTypeSupported,
): boolean {
  return isTypeSupported(`video/mp4; codecs="${codec}"`);
}

function defaultIsTypeSupported(type: string): boolean {
  const ms = (globalThis as { MediaSource?: { isTypeSupported(t: string): boolean } }).MediaSource;
  return ms ? ms.isTypeSupported(type) : false;
}

/** The first video codec of a manifest's levels this browser cannot decode, or null. */
export function undecodableCodec(
  levels: readonly { videoCodec?: string | undefined; attrs?: { CODECS?: string } }[],
  isTypeSupported?: (type: string) => boolean,
): string | null {
  for (const level of levels) {
    const codecs = (level.videoCodec ?? level.attrs?.CODECS ?? '').split(',');
    for (const raw of codecs) {
      const codec = raw.trim();
      if (!codec || codec.startsWith('mp4a')) continue;
      if (!canDecode(codec, isTypeSupported)) return codec;
    }
  }
  return null;
}
