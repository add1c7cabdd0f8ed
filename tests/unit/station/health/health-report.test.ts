/**
 * The desk's rates and the weekly report at the station (issue #16 items 3 and 5): health.summary
 * over what the station saw and covered, a week with no data said so, and the report made on
 * schedule (report.weekday at report.time, hall time) once, for the week just ended, kept and
 * announced on `health.report`.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HealthSummary, WeeklyReport } from '../../../../shared/contract/health';
import { HOUR, MIN, T0, harness, watcher, type Harness } from './harness';

let h: Harness;
afterEach(() => h.close());

/** 2026-12-07 (a Monday) at hh:mm hall time (Asia/Shanghai, UTC+8). */
const monday = (hh: number, mm = 0) => Date.UTC(2026, 11, 7, hh - 8, mm);

describe('health.summary', () => {
  it('an hour covered with a camera offline for 6 minutes of it', () => {
    h = harness();
    h.cap.health.start([
      { id: 'cam-1', status: 'online' },
      { id: 'cam-2', status: 'online' },
      { id: 'cam-3', status: 'online' },
    ]);
    h.clock.now = T0 + 10 * MIN;
    h.cap.onCameraStatus({ cameraId: 'cam-1', status: 'offline', at: h.clock.now });
    h.clock.now = T0 + 16 * MIN;
    h.cap.onCameraStatus({ cameraId: 'cam-1', status: 'online', at: h.clock.now });
    h.clock.now = T0 + HOUR;
    const s = h.cap.handlers['health.summary'](
      { from: T0, to: T0 + HOUR, groupBy: 'zone', worst: 5 },
      watcher,
    ) as HealthSummary;
    expect(s.target).toBe(0.98);
    expect(s.overall.cameras).toBe(3);
    expect(s.overall.online).toBeCloseTo(1 - 6 / 180, 6);
    expect(s.groups).toMatchObject([{ key: 'z1', name: '东关派出所' }]);
    expect(s.worst[0]).toMatchObject({ cameraId: 'cam-1', downMs: 6 * MIN });
    expect(s.now).toMatchObject({ ok: 3, offline: 0 });
  });

  it('a period nothing covered is no data, never 100 %', () => {
    h = harness();
    const s = h.cap.handlers['health.summary'](
      { from: T0 - 10 * HOUR, to: T0 - 9 * HOUR, groupBy: 'zone', worst: 5 },
      watcher,
    ) as HealthSummary;
    expect(s.overall.online).toBeNull();
    expect(s.overall.integrity).toBeNull();
  });

  it('refuses a period that ends before it starts', () => {
    h = harness();
    expect(() =>
      h.cap.handlers['health.summary'](
        { from: T0, to: T0 - 1, groupBy: 'zone', worst: 5 },
        watcher,
      ),
    ).toThrow(/from must be before to/);
  });
});

describe('health.report', () => {
  it('on demand: the last full week by default, noData when nothing was covered', () => {
    h = harness();
    const r = h.cap.handlers['health.report']({}, watcher) as WeeklyReport;
    expect(r).toMatchObject({ weekStart: '2026-11-23', trigger: 'demand', noData: true });
    expect(() => h.cap.handlers['health.report']({ weekStart: '2026-11-24' }, watcher)).toThrow(
      /starts on a Monday/,
    );
  });

  it('on schedule: Monday 08:00 hall time, once, for the week just ended, kept and announced', () => {
    h = harness({ health: { report: { weekday: 1, time: '08:00' } } });
    h.clock.now = Date.UTC(2026, 11, 3, 2); // Thursday: last week's report is due already
    h.cap.health.start();
    expect(h.cap.scheduleReport()?.weekStart).toBe('2026-11-23');
    h.emitted.length = 0;
    h.clock.now = monday(7, 59);
    expect(h.cap.scheduleReport()).toBeNull();
    h.clock.now = monday(8, 0);
    const made = h.cap.scheduleReport();
    expect(made).toMatchObject({ weekStart: '2026-11-30', trigger: 'schedule', noData: false });
    h.clock.now = monday(9, 0);
    expect(h.cap.scheduleReport()).toBeNull();
    expect(h.emitted).toEqual([
      { stream: 'health.report', payload: { weekStart: '2026-11-30', generatedAt: monday(8, 0) } },
    ]);
    expect(h.cap.handlers['health.reports']({}, watcher)).toEqual([
      { weekStart: '2026-11-30', generatedAt: monday(8, 0) },
      { weekStart: '2026-11-23', generatedAt: Date.UTC(2026, 11, 3, 2) },
    ]);
  });

  it('the heartbeat makes it on another configured day and time', () => {
    h = harness({ health: { report: { weekday: 3, time: '17:30' } } });
    h.clock.now = monday(9, 0); // the week of 11-30's report is due Wednesday 12-09 17:30
    h.cap.health.start();
    h.cap.heartbeat();
    expect(h.cap.handlers['health.reports']({}, watcher)).toEqual([]);
    h.clock.now = Date.UTC(2026, 11, 9, 9, 29); // Wednesday 17:29
    h.cap.heartbeat();
    expect(h.cap.handlers['health.reports']({}, watcher)).toEqual([]);
    h.clock.now = Date.UTC(2026, 11, 9, 9, 30);
    h.cap.heartbeat();
    expect(h.cap.handlers['health.reports']({}, watcher)).toMatchObject([
      { weekStart: '2026-11-30' },
    ]);
  });
});

describe('the report due at start', () => {
  it('is made once the history is in, so it is not kept empty', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const fetchImpl = ((input: string | URL) => {
        const url = new URL(String(input));
        const from = Number(url.searchParams.get('from'));
        const to = Number(url.searchParams.get('to'));
        return Promise.resolve(
          Response.json({ from, to, coveredFrom: from, intervals: [], tickets: [] }),
        );
      }) as typeof fetch;
      h = harness({}, { fetch: fetchImpl, baseUrl: 'http://p.test' });
      h.cap.start();
      await vi.waitFor(() => {
        expect(h.cap.handlers['health.reports']({}, watcher)).toHaveLength(1);
      });
      const week = h.cap.store.report('2026-11-23');
      expect(week).toMatchObject({ trigger: 'schedule', noData: false });
      expect(week!.station.online).toBe(1);
      await h.cap.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('health.prober', () => {
  it("answers the prober's status", () => {
    h = harness();
    expect(h.cap.handlers['health.prober']({}, watcher)).toMatchObject({ ratePerSecond: 20 });
  });
});

describe('health.reportPdf', () => {
  it("asks the app's shell to save the desk's page, named by the ISO week", async () => {
    const savePdf = vi.fn(() => Promise.resolve('/home/op/视频监控周报-2026-W48.pdf'));
    h = harness({}, { savePdf });
    await expect(
      h.cap.handlers['health.reportPdf']({ weekStart: '2026-11-23' }, watcher),
    ).resolves.toEqual({ savedTo: '/home/op/视频监控周报-2026-W48.pdf' });
    expect(savePdf).toHaveBeenCalledWith({
      caller: watcher,
      defaultName: '视频监控周报-2026-W48.pdf',
    });
    // A cancelled dialog saves nothing and says so.
    savePdf.mockResolvedValueOnce(null as unknown as string);
    await expect(
      h.cap.handlers['health.reportPdf']({ weekStart: '2026-11-23' }, watcher),
    ).resolves.toEqual({ savedTo: null });
  });

  it('refuses a week that does not start on a Monday, and is unavailable without the app', async () => {
    h = harness({}, { savePdf: () => Promise.resolve(null) });
    await expect(
      h.cap.handlers['health.reportPdf']({ weekStart: '2026-11-24' }, watcher),
    ).rejects.toMatchObject({ code: 'bad-input' });
    h.close();
    h = harness();
    await expect(
      h.cap.handlers['health.reportPdf']({ weekStart: '2026-11-23' }, watcher),
    ).rejects.toMatchObject({ code: 'unavailable' });
  });
});
