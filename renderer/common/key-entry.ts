/**
 * The CCTV keyboard's entry as plain data (KeyEntry.tsx draws it): at the desk
 * `<wall> . <tile> * <camera> Enter`, at a wall `<tile> * <camera> Enter`. Either separator moves
 * to the next number. A camera's number is the end of its id (GB/T 28181 ids are 20 digits; the
 * catalog has no shorter number): the digits typed name every camera whose id ends with them,
 * and a number that names several is never guessed: the candidates are listed to pick from.
 */
import type { Camera } from '../../shared/api';

export type EntryField = 'wall' | 'tile' | 'camera';
export const deskFields = ['wall', 'tile', 'camera'] as const satisfies readonly EntryField[];
export const wallFields = ['tile', 'camera'] as const satisfies readonly EntryField[];

/** Numbers longer than this are not typed by hand (a full GB/T 28181 id is 20 digits). */
export const MAX_DIGITS: Record<EntryField, number> = { wall: 3, tile: 3, camera: 20 };

export interface EntryState {
  fields: readonly EntryField[];
  values: Readonly<Record<EntryField, string>>;
  /** The field being typed (index in fields). */
  at: number;
  /** While picking among several cameras: the highlighted one. */
  picking: number | null;
}

export function startEntry(fields: readonly EntryField[], first = ''): EntryState {
  const values = { wall: '', tile: '', camera: '' };
  const state: EntryState = { fields, values, at: 0, picking: null };
  return /^\d$/.test(first) ? typeDigit(state, first) : state;
}

const field = (s: EntryState): EntryField => s.fields[s.at] as EntryField;

function typeDigit(s: EntryState, digit: string): EntryState {
  const f = field(s);
  if (s.values[f].length >= MAX_DIGITS[f]) return s;
  return { ...s, values: { ...s.values, [f]: s.values[f] + digit }, picking: null };
}

export interface CameraMatch {
  /** Cameras whose id ends with the digits, by id, at most `limit`. */
  cameras: Camera[];
  /** How many match in all. */
  total: number;
}

/** Every camera whose id ends with `digits` (none for no digits), the first `limit` by id. */
export function matchCameras(cameras: Iterable<Camera>, digits: string, limit = 8): CameraMatch {
  if (digits === '') return { cameras: [], total: 0 };
  const all: Camera[] = [];
  for (const c of cameras) if (c.id.endsWith(digits)) all.push(c);
  all.sort((a, b) => a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { cameras: all.slice(0, limit), total: all.length };
}

/** What a key does to the entry: a new state, close it, or go (put the camera up). */
export type EntryStep = { state: EntryState } | { close: true } | { go: Camera };

/**
 * One key. `match` is the camera number's match now. Enter goes when every number is typed and
 * the camera number names one camera; when it names several, the first Enter lists them to pick
 * (↑/↓) and the next goes with the highlighted one. Escape leaves the list, then the entry.
 */
export function stepEntry(s: EntryState, key: string, match: CameraMatch): EntryStep | null {
  if (/^\d$/.test(key)) return { state: typeDigit(s, key) };
  if (key === '.' || key === '*') {
    if (s.values[field(s)] === '' || s.at >= s.fields.length - 1) return { state: s };
    return { state: { ...s, at: s.at + 1, picking: null } };
  }
  if (key === 'Backspace') {
    const f = field(s);
    if (s.values[f] !== '') {
      return {
        state: { ...s, values: { ...s.values, [f]: s.values[f].slice(0, -1) }, picking: null },
      };
    }
    return s.at > 0 ? { state: { ...s, at: s.at - 1, picking: null } } : { close: true };
  }
  if (key === 'Escape')
    return s.picking !== null ? { state: { ...s, picking: null } } : { close: true };
  if (key === 'ArrowDown' || key === 'ArrowUp') {
    if (match.cameras.length < 2) return { state: s };
    const n = match.cameras.length;
    const from = s.picking ?? (key === 'ArrowDown' ? -1 : 0);
    return { state: { ...s, picking: (from + (key === 'ArrowDown' ? 1 : n - 1)) % n } };
  }
  if (key === 'Enter') {
    const missing = s.fields.findIndex((f) => s.values[f] === '');
    if (missing >= 0) return { state: { ...s, at: missing } };
    if (s.picking !== null) {
      const picked = match.cameras[s.picking];
      return picked ? { go: picked } : { state: s };
    }
    if (match.total === 1) return { go: match.cameras[0] as Camera };
    if (match.total > 1) return { state: { ...s, picking: 0 } };
    return { state: s };
  }
  return null;
}

export interface EntryWall {
  wallId: number;
  /** How many tiles it has. */
  tiles: number;
}

/** Why the typed wall and tile cannot take a camera, or null when they can. */
export function targetProblem(
  walls: readonly EntryWall[],
  wall: number,
  tile: number,
):
  | { key: 'noWall'; wall: number }
  | { key: 'noTile'; wall: number; tile: number; tiles: number }
  | null {
  const w = walls.find((x) => x.wallId === wall);
  if (!w) return { key: 'noWall', wall };
  if (tile < 1 || tile > w.tiles) return { key: 'noTile', wall, tile, tiles: w.tiles };
  return null;
}
