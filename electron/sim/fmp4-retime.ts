/**
 * The fMP4 counterpart of ts-retime.ts: moves a fragmented-MP4 media segment (.m4s) on in time, so
 * a loop of a few segments plays as one continuous live stream whose timestamps only rise.
 *
 * In fMP4 a fragment's time is its track fragment decode time (`tfdt` baseMediaDecodeTime, in the
 * track's timescale from the init segment's `mdhd`); each sample's time is that plus the durations
 * in `trun`, so shifting `tfdt` shifts every frame. The segment index (`sidx`), when present, says
 * the same in its own timescale and is moved with it; the movie fragment sequence number (`mfhd`)
 * is set to the absolute segment number so it rises too. Box sizes never change, so `trun`'s data
 * offsets stay valid. Unlike MPEG-TS's 33-bit clock, a version-1 `tfdt` is 64 bits and does not wrap.
 */

interface Box {
  type: string;
  /** Where the box starts, and where its payload (after size and type) starts and ends. */
  start: number;
  body: number;
  end: number;
}

const containers = new Set(['moov', 'trak', 'mdia', 'moof', 'traf']);

function* boxes(b: Uint8Array, from: number, to: number): Generator<Box> {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let at = from; at < to;) {
    if (at + 8 > to) throw new Error(`not an MP4 box at ${at}: ${to - at} bytes left`);
    let size = view.getUint32(at);
    let body = at + 8;
    if (size === 1) {
      size = Number(view.getBigUint64(at + 8));
      body = at + 16;
    } else if (size === 0) {
      size = to - at;
    }
    const end = at + size;
    if (size < body - at || end > to) throw new Error(`not an MP4 box at ${at}: size ${size}`);
    const type = String.fromCharCode(b[at + 4]!, b[at + 5]!, b[at + 6]!, b[at + 7]!);
    yield { type, start: at, body, end };
    at = end;
  }
}

/** Every box of `type` at any depth below the container boxes this module looks into. */
function* find(b: Uint8Array, type: string, from = 0, to = b.length): Generator<Box> {
  for (const box of boxes(b, from, to)) {
    if (box.type === type) yield box;
    if (containers.has(box.type)) yield* find(b, type, box.body, box.end);
  }
}

/** The video track's timescale (ticks a second) from an init segment's `mdhd`. */
export function trackTimescale(init: Uint8Array): number {
  const view = new DataView(init.buffer, init.byteOffset, init.byteLength);
  for (const mdhd of find(init, 'mdhd')) {
    const version = init[mdhd.body]!;
    // version, flags; creation and modification times (4 or 8 bytes each); then the timescale.
    return view.getUint32(mdhd.body + 4 + (version === 1 ? 16 : 8));
  }
  throw new Error('not an fMP4 init segment: no mdhd box');
}

/** Adds `delta` to the 32- or 64-bit unsigned field at `at` (by the box's version). */
function addTime(view: DataView, at: number, version: number, delta: bigint, what: string): void {
  if (version === 1) {
    view.setBigUint64(at, view.getBigUint64(at) + delta);
    return;
  }
  const value = BigInt(view.getUint32(at)) + delta;
  if (value >= 2n ** 32n) throw new Error(`${what} version 0 cannot hold ${value}`);
  view.setUint32(at, Number(value));
}

export interface FragmentShift {
  /** How far to move the segment on, in whole seconds (a number of loops × the loop's length). */
  seconds: number;
  /** The track's timescale, from its init segment (trackTimescale). */
  timescale: number;
  /** The segment's absolute number, written into each `mfhd` (32 bits, so taken mod 2^32). */
  sequence?: number;
}

/** A copy of the fMP4 media segment `segment` with every fragment's time moved on. */
export function retimeFragment(segment: Uint8Array, shift: FragmentShift): Uint8Array {
  const out = new Uint8Array(segment); // a copy (the typed-array copy, not element by element)
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const inTrack = BigInt(Math.round(shift.seconds * shift.timescale));
  let fragments = 0;
  for (const box of boxes(out, 0, out.length)) {
    if (box.type === 'sidx') {
      // version, flags, reference_ID, timescale, earliest_presentation_time.
      const version = out[box.body]!;
      const sidxScale = view.getUint32(box.body + 8);
      const delta = BigInt(Math.round(shift.seconds * sidxScale));
      addTime(view, box.body + 12, version, delta, 'sidx');
    }
    if (box.type !== 'moof') continue;
    fragments++;
    for (const mfhd of find(out, 'mfhd', box.body, box.end)) {
      if (shift.sequence !== undefined) {
        view.setUint32(mfhd.body + 4, (shift.sequence + 1) % 2 ** 32);
      }
    }
    for (const tfdt of find(out, 'tfdt', box.body, box.end)) {
      addTime(view, tfdt.body + 4, out[tfdt.body]!, inTrack, 'tfdt');
    }
  }
  if (fragments === 0) throw new Error('not an fMP4 media segment: no moof box');
  return out;
}

/** The baseMediaDecodeTime of each fragment of a segment, in track ticks (for tests and checks). */
export function decodeTimes(segment: Uint8Array): bigint[] {
  const view = new DataView(segment.buffer, segment.byteOffset, segment.byteLength);
  return [...find(segment, 'tfdt')].map((tfdt) =>
    segment[tfdt.body] === 1
      ? view.getBigUint64(tfdt.body + 4)
      : BigInt(view.getUint32(tfdt.body + 4)),
  );
}
