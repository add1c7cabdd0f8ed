/**
 * The desk's words for the realtime feed's health under the link badge (issue #10): the count of
 * dropped messages and the last one, refusals, a duplicate station id; with the real strings of
 * both languages through i18next, plurals included.
 */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { LinkRealtime } from '../../../shared/api';
import { en } from '../../../renderer/i18n/en';
import { zhCN } from '../../../renderer/i18n/zh-CN';
import {
  linkMeanings,
  linkProblems,
  realtimeBadge,
  realtimeLines,
  realtimeSummary,
  type Say,
} from '../../../renderer/desk/link-realtime';

async function sayIn(lng: 'en' | 'zh-CN'): Promise<Say> {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return (key, values) => i18n.t(`linkHealth.${key}`, values ?? {});
}

const health = (h: Partial<LinkRealtime>): LinkRealtime => ({
  received: 1200,
  dropped: 0,
  refused: 0,
  lastProblem: null,
  duplicateStationId: false,
  ...h,
});
const last = 'vigil/alerts: title: Too small: expected string to have >=1 characters';

describe('realtime health on the desk', () => {
  it('says nothing (no button) when nothing was dropped', async () => {
    const say = await sayIn('zh-CN');
    expect(realtimeSummary(health({}), say)).toBeNull();
    expect(realtimeBadge(health({}), say)).toBeNull();
    expect(realtimeSummary(undefined, say)).toBeNull();
  });

  it('counts dropped messages and names the last one, in Chinese', async () => {
    const say = await sayIn('zh-CN');
    const r = health({ dropped: 12, lastProblem: last });
    expect(realtimeSummary(r, say)).toBe(`已丢弃 12 条无效消息；最近一条：${last}`);
    expect(realtimeBadge(r, say)).toBe('12 条无效消息');
    expect(realtimeLines(r, say)).toEqual([
      '工作站启动以来已收到 1200 条消息',
      '已丢弃 12 条无效消息',
      `最近一条：${last}`,
    ]);
  });

  it('counts dropped and refused messages in English, singular and plural', async () => {
    const say = await sayIn('en');
    expect(realtimeSummary(health({ dropped: 1, lastProblem: last }), say)).toBe(
      `1 invalid message dropped; last: ${last}`,
    );
    const both = health({
      dropped: 3,
      refused: 2,
      lastProblem: 'vigil/units/u1/position: at 9 is in the future',
    });
    expect(realtimeSummary(both, say)).toBe(
      '3 invalid messages dropped; 2 messages refused for their time; last: vigil/units/u1/position: at 9 is in the future',
    );
    expect(realtimeBadge(both, say)).toBe('5 bad messages');
  });

  it('puts a duplicate station id first and says what to do', async () => {
    const zh = await sayIn('zh-CN');
    const r = health({ duplicateStationId: true });
    expect(realtimeBadge(r, zh)).toBe('station.id 重复');
    expect(realtimeSummary(r, zh)).toBe('另一台工作站使用相同的 station.id');
    expect(realtimeLines(r, zh)[2]).toMatch(/为每台工作站设置不同的 station\.id/);
    const enSay = await sayIn('en');
    expect(
      realtimeSummary(health({ duplicateStationId: true, dropped: 2, lastProblem: last }), enSay),
    ).toBe(
      `Another workstation uses the same station.id; 2 invalid messages dropped; last: ${last}`,
    );
  });
});

describe('the link’s problems in the watcher’s words (issue #15)', () => {
  const detail =
    'platform: catalog: fetch failed; realtime: connect ECONNREFUSED 127.0.0.1:1883; catalog rejected: cameras[12].lat: Too big; platform: x (retrying)';

  it('splits the station’s detail into problems with their meaning and raw words', () => {
    expect(linkProblems(detail)).toEqual([
      { meaning: 'meaningPlatform', raw: 'platform: catalog: fetch failed' },
      { meaning: 'meaningRealtime', raw: 'realtime: connect ECONNREFUSED 127.0.0.1:1883' },
      { meaning: 'meaningCatalog', raw: 'catalog rejected: cameras[12].lat: Too big' },
      { meaning: 'meaningPlatformRetrying', raw: 'platform: x (retrying)' },
    ]);
    expect(linkProblems(null)).toEqual([]);
    expect(linkMeanings(linkProblems('platform: connecting; realtime: connecting'))).toEqual([
      'meaningConnecting',
    ]);
    expect(
      linkProblems(
        'realtime: 另一台工作站使用相同的 station.id / another workstation uses the same station.id',
      )[0]!.meaning,
    ).toBe('meaningDuplicate');
    expect(linkProblems('something new')[0]!.meaning).toBe('meaningOther');
  });

  it('says them in Chinese in the Chinese UI, without the transport’s English', async () => {
    const say = await sayIn('zh-CN');
    for (const meaning of linkMeanings(linkProblems(detail))) {
      const words = say(meaning);
      expect(words).not.toMatch(/[A-Za-z]/);
      expect(words).not.toMatch(/ECONNREFUSED|fetch failed/);
    }
    expect(say('details')).toBe('详情');
  });
});
