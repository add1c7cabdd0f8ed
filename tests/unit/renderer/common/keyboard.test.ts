import { describe, expect, it } from 'vitest';
import type { Area, Camera } from '../../../../shared/api';
import { buildCameraTree, flattenTree } from '../../../../renderer/common/camera-tree';
import {
  deskFields,
  matchCameras,
  startEntry,
  stepEntry,
  targetProblem,
  wallFields,
  type CameraMatch,
  type EntryState,
} from '../../../../renderer/common/key-entry';
import {
  matches,
  shortcutIds,
  shortcuts,
  shortcutsFor,
  type Shortcut,
} from '../../../../renderer/common/shortcuts';
import { treeKey } from '../../../../renderer/desk/tree-keys';
import { markForKey } from '../../../../renderer/wall/watch/use-wall-watch-keys';
import { en } from '../../../../renderer/i18n/en';
import { zhCN } from '../../../../renderer/i18n/zh-CN';

const cam = (serial: number, name = `摄像机 ${serial}`): Camera => ({
  id: `3706830000132${String(serial).padStart(7, '0')}`,
  name,
  gridId: 'g1',
  kind: 'fixed',
  lat: 35.4,
  lng: 116.9,
  liveUrl: 'http://127.0.0.1/x.m3u8',
  status: 'online',
});
const cameras = [cam(137, '北门路口'), cam(1137), cam(2137), cam(25)];

/** Presses the keys one by one; the last step. */
function keys(state: EntryState, typed: readonly string[]) {
  let s = state;
  let last: ReturnType<typeof stepEntry> = { state: s };
  for (const key of typed) {
    last = stepEntry(s, key, matchCameras(cameras, s.values.camera));
    if (last && 'state' in last) s = last.state;
  }
  return { state: s, last };
}

describe('camera numbers: the end of the id, never guessed', () => {
  it('a number one id ends with names that camera; one several end with lists them by id', () => {
    expect(matchCameras(cameras, '0137').cameras.map((c) => c.name)).toEqual(['北门路口']);
    const many = matchCameras(cameras, '137');
    expect(many.total).toBe(3);
    expect(many.cameras.map((c) => c.id.slice(-7))).toEqual(['0000137', '0001137', '0002137']);
    expect(matchCameras(cameras, '999')).toEqual({ cameras: [], total: 0 });
    expect(matchCameras(cameras, '')).toEqual({ cameras: [], total: 0 });
    expect(matchCameras(cameras, '7', 2)).toMatchObject({ total: 3, cameras: [{}, {}] });
  });
});

describe('the entry: <wall> . <tile> * <camera> Enter', () => {
  it('goes with the one camera the number names', () => {
    const { state, last } = keys(startEntry(deskFields, '2'), [
      '.',
      '5',
      '*',
      '0',
      '1',
      '3',
      '7',
      'Enter',
    ]);
    expect(state.values).toEqual({ wall: '2', tile: '5', camera: '0137' });
    expect(last).toEqual({ go: cameras[0] });
  });

  it('lists several: the first Enter highlights, the arrows move, Enter goes with the choice', () => {
    const s = keys(startEntry(deskFields, '1'), ['.', '1', '*', '1', '3', '7', 'Enter']);
    expect(s.state.picking).toBe(0);
    const picked = keys(s.state, ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowUp', 'Enter']);
    expect(picked.last).toEqual({ go: cameras[2] });
    // Escape leaves the list first, then the entry.
    const back = keys(s.state, ['Escape']);
    expect(back.state.picking).toBeNull();
    expect(keys(back.state, ['Escape']).last).toEqual({ close: true });
  });

  it('Enter with a number missing goes to it; no camera: stays; Backspace walks back and closes', () => {
    const s = keys(startEntry(deskFields, '1'), ['.', '*', 'Enter']);
    expect(s.state.at).toBe(1); // an empty tile does not move on
    const none = keys(startEntry(wallFields, '3'), ['*', '9', '9', '9', 'Enter']);
    expect(none.last).toEqual({ state: none.state });
    const back = keys(none.state, ['Backspace', 'Backspace', 'Backspace', 'Backspace']);
    expect(back.state.at).toBe(0);
    expect(keys(back.state, ['Backspace', 'Backspace']).last).toEqual({ close: true });
    // Keys it does not know are not its own.
    expect(stepEntry(back.state, 'x', { cameras: [], total: 0 } as CameraMatch)).toBeNull();
  });

  it('a number is not longer than a hand types', () => {
    const s = keys(startEntry(deskFields, '1'), ['2', '3', '4', '5']);
    expect(s.state.values.wall).toBe('123');
  });

  it('says a wall or tile that does not exist', () => {
    const walls = [{ wallId: 1, tiles: 4 }];
    expect(targetProblem(walls, 1, 4)).toBeNull();
    expect(targetProblem(walls, 2, 1)).toEqual({ key: 'noWall', wall: 2 });
    expect(targetProblem(walls, 1, 5)).toEqual({ key: 'noTile', wall: 1, tile: 5, tiles: 4 });
    expect(targetProblem(walls, 1, 0)).toMatchObject({ key: 'noTile' });
  });
});

describe('the shortcut list', () => {
  const press = (key: string, alt = false) => ({
    key,
    altKey: alt,
    ctrlKey: false,
    metaKey: false,
  });

  it('every shortcut has words in both languages, and the overlay lists each of a window once', () => {
    for (const id of shortcutIds) {
      expect(en.keys.shortcut[id], id).toBeTruthy();
      expect(zhCN.keys.shortcut[id], id).toBeTruthy();
    }
    const desk = shortcutsFor('desk').flatMap((g) => g.ids);
    const wall = shortcutsFor('wall').flatMap((g) => g.ids);
    expect(new Set([...desk, ...wall])).toEqual(new Set(shortcutIds));
    expect(desk).toContain('treeSend');
    expect(desk).not.toContain('rotationPause');
    expect(wall).toEqual(expect.arrayContaining(['rotationPause', 'tourAbnormal', 'entryOpen']));
  });

  it('matches the keys it lists, Alt only where listed, never with Ctrl', () => {
    expect(matches('rotationNext', press('PageDown'))).toBe(true);
    expect(matches('rotationNext', press('ArrowRight'))).toBe(true);
    expect(matches('deskTab', press('2', true))).toBe(true);
    expect(matches('deskTab', press('2'))).toBe(false);
    expect(matches('entryOpen', press('2', true))).toBe(false);
    expect(matches('help', { ...press('?'), ctrlKey: true })).toBe(false);
  });

  it('the tour keys the wall acts on are the listed ones', () => {
    const key = (id: 'tourNormal' | 'tourAbnormal' | 'tourFaulty') =>
      (shortcuts[id] as Shortcut).keys[0]!;
    expect(markForKey(key('tourNormal'), false)).toEqual({ mark: 'normal' });
    expect(markForKey(key('tourAbnormal'), false)).toEqual({ mark: 'abnormal' });
    expect(markForKey(key('tourFaulty'), false)).toBe('menu');
    expect(markForKey('Escape', true)).toBe('back');
    expect(markForKey('5', true)).toEqual({ mark: 'faulty', fault: 'obstructed' });
  });
});

describe('the camera tree by keys', () => {
  const areas: Area[] = [
    { id: 'r', name: '城区', level: 'region', parentId: null },
    { id: 'z', name: '城关', level: 'zone', parentId: 'r' },
    { id: 'g1', name: '一网格', level: 'grid', parentId: 'z' },
  ];
  const tree = buildCameraTree(
    areas,
    [cam(1), cam(2)].map((c) => ({ ...c, gridId: 'g1' })),
  );

  it('→ opens then enters, ← closes then goes up, ↑↓ Home End move within the rows', () => {
    const closed = flattenTree(tree, new Set(['r']));
    expect(closed.map((r) => r.key)).toEqual(['a:r', 'a:z']);
    expect(treeKey(closed, 0, 'ArrowRight')).toEqual({ to: 1 });
    expect(treeKey(closed, 1, 'ArrowRight')).toEqual({ toggle: 'z' });
    const open = flattenTree(tree, new Set(['r', 'z', 'g1']));
    expect(open.map((r) => r.key)).toEqual([
      'a:r',
      'a:z',
      'a:g1',
      `c:${cam(1).id}`,
      `c:${cam(2).id}`,
    ]);
    expect(treeKey(open, 4, 'ArrowLeft')).toEqual({ to: 2 });
    expect(treeKey(open, 2, 'ArrowLeft')).toEqual({ toggle: 'g1' });
    expect(treeKey(open, 4, 'ArrowRight')).toEqual({ to: 4 });
    expect(treeKey(open, 4, 'ArrowDown')).toEqual({ to: 4 });
    expect(treeKey(open, 0, 'ArrowUp')).toEqual({ to: 0 });
    expect(treeKey(open, 2, 'End')).toEqual({ to: 4 });
    expect(treeKey(open, 3, 'Home')).toEqual({ to: 0 });
    expect(treeKey(open, 0, 'ArrowLeft')).toEqual({ toggle: 'r' });
    expect(treeKey(closed, 0, 'ArrowLeft')).toEqual({ toggle: 'r' });
    expect(treeKey(flattenTree(tree, new Set()), 0, 'ArrowLeft')).toEqual({ to: 0 });
    expect(treeKey(open, 0, 'Enter')).toBeNull();
  });
});
