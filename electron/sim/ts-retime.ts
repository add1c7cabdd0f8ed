/**
 * Shifts every timestamp of an MPEG-TS segment (PES PTS/DTS and the adaptation field's PCR) by a
 * fixed amount, so a loop of a few segments plays as one continuous live stream forever.
 *
 * Why: looping the same files with #EXT-X-DISCONTINUITY makes timestamps jump back at every loop;
 * hls.js then takes the jump for a 33-bit rollover, appends the next segment at the wrong place
 * and the tile stalls (seen here: 47 frames, then "Playback stalling due to low buffer"). A real
 * camera's timestamps only go up; with this the simulator's do too.
 *
 * Timestamps are 33-bit counts of a 90 kHz clock and wrap at 2^33 (about 26.5 hours), as a real
 * encoder's do; players handle that wrap.
 */

const packetSize = 188;
const syncByte = 0x47;
const wrap = 2 ** 33;

/** 90 kHz ticks in a number of seconds. */
export const ticks = (seconds: number): number => Math.round(seconds * 90_000);

function readTimestamp(b: Uint8Array, at: number): number {
  return (
    ((b[at]! >> 1) & 0x07) * 2 ** 30 +
    b[at + 1]! * 2 ** 22 +
    (b[at + 2]! >> 1) * 2 ** 15 +
    b[at + 3]! * 2 ** 7 +
    (b[at + 4]! >> 1)
  );
}

function writeTimestamp(b: Uint8Array, at: number, value: number): void {
  const v = ((value % wrap) + wrap) % wrap;
  b[at] = (b[at]! & 0xf0) | ((Math.floor(v / 2 ** 30) & 0x07) << 1) | 0x01;
  b[at + 1] = Math.floor(v / 2 ** 22) & 0xff;
  b[at + 2] = ((Math.floor(v / 2 ** 15) & 0x7f) << 1) | 0x01;
  b[at + 3] = Math.floor(v / 2 ** 7) & 0xff;
  b[at + 4] = ((v & 0x7f) << 1) | 0x01;
}

function shiftPcr(b: Uint8Array, at: number, offset: number): void {
  const base =
    b[at]! * 2 ** 25 +
    b[at + 1]! * 2 ** 17 +
    b[at + 2]! * 2 ** 9 +
    b[at + 3]! * 2 +
    (b[at + 4]! >> 7);
  const v = (((base + offset) % wrap) + wrap) % wrap;
  b[at] = Math.floor(v / 2 ** 25) & 0xff;
  b[at + 1] = Math.floor(v / 2 ** 17) & 0xff;
  b[at + 2] = Math.floor(v / 2 ** 9) & 0xff;
  b[at + 3] = Math.floor(v / 2) & 0xff;
  b[at + 4] = ((v & 0x01) << 7) | (b[at + 4]! & 0x7f);
}

/** A copy of `segment` with every PTS, DTS and PCR moved by `offset` 90 kHz ticks. */
export function retimeTransportStream(segment: Uint8Array, offset: number): Uint8Array {
  if (segment.length % packetSize !== 0) {
    throw new Error(`not an MPEG-TS segment: ${segment.length} bytes is not a multiple of 188`);
  }
  const out = Uint8Array.from(segment);
  if (offset % wrap === 0) return out;
  for (let p = 0; p < out.length; p += packetSize) {
    if (out[p] !== syncByte) throw new Error(`not an MPEG-TS segment: no sync byte at ${p}`);
    const payloadUnitStart = (out[p + 1]! & 0x40) !== 0;
    const adaptation = (out[p + 3]! >> 4) & 0x03;
    let payload = p + 4;
    if (adaptation & 0x02) {
      const length = out[p + 4]!;
      if (length > 0 && out[p + 5]! & 0x10) shiftPcr(out, p + 6, offset);
      payload += 1 + length;
    }
    if (!(adaptation & 0x01) || !payloadUnitStart || payload + 14 > p + packetSize) continue;
    // A PES header: 00 00 01, stream id (audio/video/private >= 0xBC), length, flags, ...
    if (out[payload] !== 0 || out[payload + 1] !== 0 || out[payload + 2] !== 1) continue;
    if (out[payload + 3]! < 0xbc) continue;
    const ptsDtsFlags = out[payload + 7]! >> 6;
    if (ptsDtsFlags & 0x02) {
      writeTimestamp(out, payload + 9, readTimestamp(out, payload + 9) + offset);
    }
    if (ptsDtsFlags === 0x03) {
      writeTimestamp(out, payload + 14, readTimestamp(out, payload + 14) + offset);
    }
  }
  return out;
}
