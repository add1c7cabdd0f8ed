/**
 * Finding things on the map (issue #15): cameras, places and units by name, call sign or id,
 * zh-CN partial matches and full-width input, ranked; fast on 26,000 cameras.
 */
import { describe, expect, it } from 'vitest';
import { recentAlerts, RECENT_ALERT_MS } from '../../../renderer/map/recent-alerts';
import type { Camera } from '../../../shared/api';
import type { MapGeometry } from '../../../shared/contract/map';
import { buildSearchIndex, fold, resolveFocus, searchMap } from '../../../renderer/map/map-search';

const camera = (id: string, name: string, lat = 35.4, lng = 116.9): Camera => ({
  id,
  name,
  gridId: 'g1',
  kind: 'fixed',
  lat,
  lng,
  liveUrl: 'http://127.0.0.1/live.m3u8',
  status: 'online',
});

const geometry: MapGeometry = {
  version: '1',
  source: 'platform',
  areas: [
    {
      id: 'z1',
      name: '钢山派出所',
      level: 'zone',
      parentId: 'r1',
      polygon: [
        [
          [116.9, 35.4],
          [116.95, 35.4],
          [116.95, 35.45],
        ],
      ],
      labelAt: { lat: 35.42, lng: 116.93 },
    },
  ],
  mustPatrolLines: [
    {
      id: 'l1',
      name: '钢山街必巡线（唐王山路—岗山路）',
      path: [
        [116.9, 35.4],
        [116.91, 35.41],
        [116.92, 35.42],
      ],
      lengthM: 1000,
      gridId: 'g1',
      zoneId: 'z1',
      regionId: 'r1',
    },
  ],
  mustReachPoints: [
    {
      id: 'p1',
      name: '钢山一网格 农贸市场',
      lat: 35.41,
      lng: 116.91,
      radiusM: 50,
      gridId: 'g1',
      zoneId: 'z1',
      regionId: 'r1',
    },
  ],
  checkpoints: [
    {
      id: 'k1',
      name: 'G327国道邹西治安卡点',
      kind: 'checkpoint',
      lat: 35.3,
      lng: 116.8,
      gridId: 'g1',
      zoneId: 'z1',
      regionId: 'r1',
    },
  ],
  dutyPosts: [
    {
      id: 'd1',
      name: '火车站驻勤点',
      kind: 'duty-post',
      lat: 35.35,
      lng: 116.85,
      gridId: 'g1',
      zoneId: 'z1',
      regionId: 'r1',
    },
  ],
  bounds: null,
};

const index = buildSearchIndex({
  geometry,
  cameras: [
    camera('37088100001310000001', '钢山街与唐王山路口东'),
    camera('37088100001310000002', '农贸市场北门'),
    camera('cam-3', '火车站广场 3'),
  ],
  units: [
    { unitId: 'u-7', callSign: '巡007', lat: 35.4, lng: 116.9 },
    { unitId: 'u-12', callSign: '步巡012', lat: 35.41, lng: 116.91 },
  ],
  alerts: [
    {
      id: 'a1',
      at: 1,
      receivedAt: 1,
      title: '打架斗殴 火车站',
      category: '治安',
      lat: 35.35,
      lng: 116.85,
    },
  ],
});
const found = (query: string) => searchMap(index, query).hits.map((h) => `${h.kind}:${h.id}`);

describe('map search', () => {
  it('finds cameras, places (areas, checkpoints, posts, points, lines) and units by any part of the name', () => {
    expect(found('唐王山')).toEqual(['line:l1', 'camera:37088100001310000001']);
    // A name that starts with the words ranks before one that only contains them.
    expect(found('农贸')).toEqual(['camera:37088100001310000002', 'point:p1']);
    expect(found('卡点')).toEqual(['checkpoint:k1']);
    expect(found('驻勤')).toEqual(['dutyPost:d1']);
    expect(found('钢山派出所')).toEqual(['area:z1']);
    expect(found('火车站')).toEqual(['dutyPost:d1', 'camera:cam-3', 'alert:a1']);
  });

  it('finds units by call sign, exact before partial, and cameras by the tail of their id', () => {
    expect(found('巡007')).toEqual(['unit:u-7']);
    expect(found('巡0')).toEqual(['unit:u-7', 'unit:u-12']);
    expect(found('012')).toEqual(['unit:u-12']);
    expect(found('0000002')).toEqual(['camera:37088100001310000002']);
  });

  it('takes words in any order, full-width input from an IME, and ignores case', () => {
    expect(found('市场 钢山')).toEqual(['point:p1']);
    expect(found('ｇ３２７')).toEqual(['checkpoint:k1']);
    expect(found('CAM-3')).toEqual(['camera:cam-3']);
    expect(fold('Ｇ３２７ 国道')).toBe('g327国道');
    expect(found('')).toEqual([]);
    expect(found('不存在的地方')).toEqual([]);
  });

  it('answers in a few milliseconds over 26,000 cameras, with the total and the best few', () => {
    const cameras = Array.from({ length: 26_000 }, (_, i) =>
      camera(`3708810000131${String(i).padStart(7, '0')}`, `邹城${i % 48}网格 路口${i}号`),
    );
    const big = buildSearchIndex({ cameras, geometry });
    const started = performance.now();
    for (let i = 0; i < 10; i++) searchMap(big, `路口${1000 + i}`, 30);
    const result = searchMap(big, '邹城', 30);
    const perSearch = (performance.now() - started) / 11;
    expect(result.total).toBe(26_000);
    expect(result.hits).toHaveLength(30);
    expect(searchMap(big, '路口25999').hits.map((h) => h.name)).toEqual(['邹城31网格 路口25999号']);
    expect(perSearch).toBeLessThan(50);
  });

  it('"show on map" resolves a tree camera, a unit, a place or a bare position', () => {
    const cameras = new Map([['cam-3', camera('cam-3', '火车站广场 3', 35.1, 116.1)]]);
    expect(resolveFocus({ kind: 'camera', id: 'cam-3' }, index.entries, cameras)).toMatchObject({
      kind: 'camera',
      name: '火车站广场 3',
      lat: 35.1,
    });
    expect(resolveFocus({ kind: 'unit', id: 'u-12' }, index.entries, cameras)?.name).toBe(
      '步巡012',
    );
    expect(resolveFocus({ kind: 'checkpoint', id: 'k1' }, index.entries, cameras)?.lat).toBe(35.3);
    expect(
      resolveFocus({ kind: 'point', lat: 1, lng: 2, label: '警情' }, index.entries, cameras),
    ).toMatchObject({ lat: 1, lng: 2, name: '警情' });
    // An alert of the desk's list, older than the map's recent alerts: where it was, by its id.
    expect(
      resolveFocus(
        { kind: 'point', lat: 1, lng: 2, label: '盗窃', alertId: 'a-9' },
        index.entries,
        cameras,
      ),
    ).toMatchObject({ kind: 'alert', id: 'a-9', lat: 1, lng: 2, name: '盗窃' });
    expect(resolveFocus({ kind: 'camera', id: 'nope' }, index.entries, cameras)).toBeNull();
  });
});

describe('alert markers', () => {
  it('draws the alerts of the last day that have a position', () => {
    const now = 10 * 86_400_000;
    const alert = (id: string, receivedAt: number, lat = 35.4, lng = 116.9) => ({
      id,
      at: receivedAt,
      receivedAt,
      title: id,
      category: '治安',
      lat,
      lng,
    });
    expect(
      recentAlerts(
        [alert('new', now - 1000), alert('old', now - 2 * 86_400_000), alert('nowhere', now, 0, 0)],
        now,
      ).map((a) => a.id),
    ).toEqual(['new']);
    expect(RECENT_ALERT_MS).toBe(86_400_000);
  });
});
