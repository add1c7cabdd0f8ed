/**
 * Issue #15: a GPX export was named in UTC (`巡01-20260314T1330Z.gpx` for a track the watcher
 * started at 21:30 in the hall), so a night shift's file sat under the previous afternoon. The
 * name is the unit and the track's start in the hall's time zone.
 */
import { describe, expect, it } from 'vitest';
import { gpxFileName } from '../../../electron/station/map/track-service';

// 2026-03-14 13:30:00 UTC = 21:30 in Beijing, 19:30 in Urumqi (UTC+6).
const start = Date.UTC(2026, 2, 14, 13, 30, 0);

describe('a GPX file name', () => {
  it('says when the track starts on the hall clock, not in UTC', () => {
    expect(gpxFileName('巡01', start, 'Asia/Shanghai')).toBe('巡01-20260314-213000.gpx');
    expect(gpxFileName('巡01', start, 'Asia/Urumqi')).toBe('巡01-20260314-193000.gpx');
  });

  it('crosses midnight on the hall clock', () => {
    // 16:05 UTC is 00:05 the next day in Beijing.
    expect(gpxFileName('巡02', Date.UTC(2026, 2, 14, 16, 5, 0), 'Asia/Shanghai')).toBe(
      '巡02-20260315-000500.gpx',
    );
  });

  it('keeps a call sign with a path character out of the way of the file system', () => {
    expect(gpxFileName('巡/03:夜', start, 'Asia/Shanghai')).toBe('巡_03_夜-20260314-213000.gpx');
  });
});
