/** The units board's grouping, and the Dispatch tab's words in both languages. */
import { describe, expect, it } from 'vitest';
import type { UnitBoardEntry } from '../../../../shared/contract/dispatch';
import { activityCounts, boardGroups } from '../../../../renderer/desk/dispatch/board-model';
import { dispatchEn } from '../../../../renderer/i18n/dispatch.en';
import { dispatchZhCN } from '../../../../renderer/i18n/dispatch.zh-CN';

const unit = (over: Partial<UnitBoardEntry> & { unitId: string }): UnitBoardEntry => ({
  callSign: over.unitId,
  kind: 'car',
  availability: 'available',
  activity: 'patrol',
  incidentId: null,
  orderId: null,
  statusAt: null,
  lat: 35,
  lng: 117,
  fixAt: 0,
  zoneId: 'z1',
  gridId: 'g1',
  ...over,
});

describe('units board', () => {
  const units = [
    unit({ unitId: '巡010', availability: 'unavailable', activity: 'en-route' }),
    unit({ unitId: '巡002' }),
    unit({ unitId: '巡001', activity: 'offline' }),
    unit({ unitId: '步巡003', zoneId: 'z2', activity: 'post' }),
    unit({ unitId: '村巡130', zoneId: null }),
  ];
  const names: Record<string, string> = { z1: '钢山派出所', z2: '城东派出所' };

  it('groups by zone (named zones first), available units first, call signs in number order', () => {
    const groups = boardGroups(units, '', (id) => names[id] ?? id);
    expect(groups.map((g) => g.name)).toEqual(['城东派出所', '钢山派出所', '']);
    expect(groups[1]!.units.map((u) => u.unitId)).toEqual(['巡001', '巡002', '巡010']);
    expect(groups[1]!.counts).toEqual([
      ['patrol', 1],
      ['en-route', 1],
      ['offline', 1],
    ]);
  });

  it('searches by call sign', () => {
    const groups = boardGroups(units, '步巡', (id) => id);
    expect(groups.flatMap((g) => g.units.map((u) => u.unitId))).toEqual(['步巡003']);
  });

  it('counts activities in the board order, offline last', () => {
    expect(activityCounts(units).map(([a]) => a)).toEqual([
      'patrol',
      'post',
      'en-route',
      'offline',
    ]);
  });
});

describe('dispatch words', () => {
  const keys = (o: object, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      typeof v === 'string' ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`),
    );

  it('has every English key in zh-CN, none empty', () => {
    expect(keys(dispatchZhCN).sort()).toEqual(keys(dispatchEn).sort());
    const values = (o: object): string[] =>
      Object.values(o).flatMap((v) => (typeof v === 'string' ? [v] : values(v as object)));
    expect(values(dispatchZhCN).filter((v) => v.trim() === '')).toEqual([]);
  });

  it('says the statuses and late flags as a duty chief does', () => {
    expect(dispatchZhCN.units.availability).toEqual({
      available: '可派',
      conditional: '有条件可派',
      unavailable: '不可派',
    });
    expect(Object.values(dispatchZhCN.units.activity)).toEqual([
      '巡逻',
      '定点',
      '已派',
      '已签收',
      '途中',
      '到场',
      '处置中',
      '返回',
      '休息',
      '故障',
      '离线',
    ]);
    expect(dispatchZhCN.orders.states).toEqual({
      queued: '待发送',
      sent: '已下达',
      acknowledged: '已签收',
      'en-route': '途中',
      arrived: '已到场',
      cleared: '已结束',
      refused: '被拒',
    });
    expect(dispatchZhCN.orders.lateAck).toBe('超时未签收');
    expect(dispatchZhCN.orders.lateArrival).toBe('超时未到场');
    expect(dispatchZhCN.levels).toEqual({ '1': '一般', '2': '较大', '3': '重大', '4': '特别重大' });
    expect(dispatchZhCN.detail.refused).toMatch(/^平台拒绝：/);
  });
});
