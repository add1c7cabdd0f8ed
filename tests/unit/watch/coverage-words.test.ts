/**
 * Issue #15: the coverage plan listed 26,670 stops for 26,000 cameras without saying why, and the
 * report said "1 / 26000 seen" after the walls had shown dozens of cameras. Neither number was
 * wrong (670 checkpoints are focus cameras, visited twice a period; only a tour mark counts as a
 * camera seen), but the desk did not say so. The plan now carries what makes up its stops, and
 * both panels say in words, in both languages, what the numbers count.
 */
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { planCoverage, type PlannerCamera } from '../../../shared/domain/watch';
import { resources } from '../../../renderer/i18n/i18n';

/** The simulator's county: 26,000 cameras of which 670 are checkpoints (focus cameras). */
const county: PlannerCamera[] = Array.from({ length: 26_000 }, (_, i) => ({
  id: `cam${i}`,
  zoneId: `z${i % 24}`,
  gridId: `g${i % 48}`,
  lat: 35 + (i % 100) / 1000,
  lng: 117 + (i % 77) / 1000,
  focus: i % 38 === 0 && i / 38 < 670,
}));

async function words(lng: 'en' | 'zh-CN') {
  const t = i18next.createInstance();
  await t.init({ resources, lng, initAsync: false, interpolation: { escapeValue: false } });
  return t;
}

describe('coverage numbers, explained', () => {
  const plan = planCoverage(county, {
    periodMs: 8 * 3600_000,
    watchers: ['李娜', '王强', '张伟'],
    stopDwellMs: 10_000,
    focusVisits: 2,
  });

  it('counts the stops: every camera once, each focus camera a second time', () => {
    expect(plan.cameraCount).toBe(26_000);
    expect(plan.focusCount).toBe(670);
    expect(plan.focusVisits).toBe(2);
    expect(plan.stopCount).toBe(26_670);
    expect(plan.stopCount).toBe(plan.tours.reduce((n, x) => n + x.cameraIds.length, 0));
  });

  it('says why there are more stops than cameras, in both languages', async () => {
    const params = {
      count: plan.focusCount,
      focus: '670',
      visits: plan.focusVisits,
      stops: '26,670',
      total: '26,000',
    };
    const en = (await words('en')).t('watchDesk.coverage.planFocus', params);
    expect(en).toBe(
      '26,670 stops for 26,000 cameras: the 670 focus cameras (checkpoints and pinned) are visited 2 times a period, the others once.',
    );
    const zh = (await words('zh-CN')).t('watchDesk.coverage.planFocus', params);
    expect(zh).toContain('26,670 个巡查点');
    expect(zh).toContain('670 路重点监控');
  });

  it('says that only a tour mark counts as seen, not a camera shown on a wall', async () => {
    const params = { seen: '1', total: '26,000', hours: 24 };
    const en = await words('en');
    expect(en.t('watchDesk.coverage.reportSummary', params)).toBe(
      '1 of 26,000 cameras marked at a tour stop in the last 24 h.',
    );
    expect(en.t('watchDesk.coverage.reportCounts')).toMatch(/shown on a wall .* not counted/);
    const zh = await words('zh-CN');
    expect(zh.t('watchDesk.coverage.reportSummary', params)).toBe(
      '近 24 小时查巡打点 1 / 26,000 路。',
    );
    expect(zh.t('watchDesk.coverage.reportCounts')).toContain('不计');
  });
});
