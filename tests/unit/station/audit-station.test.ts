/**
 * The audit log through the real core (createStation on a catalog file, SQLite in a temp folder):
 * acts that no service recorded before (rotation.pause from a wall, wall.identify, coverage.plan,
 * tourRun.exportCsv) leave a row with the operator and the window, an act its service records
 * leaves exactly one, a watcher is refused the record (and that is recorded), the desk lists,
 * filters and exports it, and a row changed in the file while the station was down is named by
 * `audit.verify` after the restart.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller, CallerWindow } from '../../../shared/api';
import type { AuditChainStatus, AuditPage } from '../../../shared/contract/audit';
import type { Station } from '../../../electron/station';
import { smallCatalog, startFileStation } from '../../shared/file-station';
import { signInAs } from '../../sign-in';
import { tempDir, value } from '../../integration/station/helpers';

const catalog = smallCatalog(['cam-1', 'cam-2', 'cam-3']);

const dirs: string[] = [];
const stations: Station[] = [];
afterEach(async () => {
  for (const s of stations.splice(0)) await s.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<Station> {
  const station = await startFileStation(dataDir, catalog);
  stations.push(station);
  return station;
}

const desk: CallerWindow = { window: 'desk' };
const wall1: CallerWindow = { window: 'wall', wallId: 1 };
// `value` takes a Caller; the host fills the operator in from the session whatever is passed.
const as = (w: CallerWindow) => w as Caller;

describe('the audit log through the core', () => {
  it('records every act with the operator and the window, once; lists, filters, exports', async () => {
    const dataDir = tempDir('vigil-audit-');
    dirs.push(dataDir);
    const station = await start(dataDir);
    await signInAs(station, '值班长甲', 'chief');

    await value(station, 'wall.assign', { wallId: 1, tileIndex: 0, cameraId: 'cam-1' }, as(desk));
    await value(station, 'wall.identify', { seconds: 3 }, as(desk));
    await value(
      station,
      'rotation.save',
      {
        id: 'g1',
        name: '轮巡',
        cameraIds: ['cam-1', 'cam-2'],
        dwellMs: 10_000,
        target: { wallId: 1 },
      },
      as(desk),
    );
    await value(station, 'rotation.start', { id: 'g1' }, as(desk));
    await value(station, 'rotation.pause', { wallId: 1 }, as(wall1));
    await value(station, 'coverage.plan', { periodMs: 3_600_000, watchers: ['甲'] }, as(desk));
    await value(station, 'tourRun.exportCsv', {}, as(desk));
    await value(station, 'station.info', {}, as(desk)); // a read: no row

    const page = await value<AuditPage>(station, 'audit.list', { since: 0 }, as(desk));
    const rows = page.rows.map((r) => [
      r.action,
      r.operator,
      r.role,
      r.window,
      r.wallId,
      r.subject,
    ]);
    expect(rows.slice(0, 7)).toEqual([
      ['tourRun.exportCsv', '值班长甲', 'chief', 'desk', null, null],
      ['coverage.plan', '值班长甲', 'chief', 'desk', null, null],
      ['rotation.pause', '值班长甲', 'chief', 'wall', 1, 'wall 1'],
      ['rotation.start', '值班长甲', 'chief', 'desk', null, 'g1'],
      ['rotation.save', '值班长甲', 'chief', 'desk', null, 'g1'],
      ['wall.identify', '值班长甲', 'chief', 'desk', null, null],
      // The wall service's own row (with the camera), not a second one from the door.
      ['wall.assign', '值班长甲', 'chief', 'desk', null, 'wall 1 tile 0'],
    ]);
    expect(page.rows.filter((r) => r.action === 'wall.assign')).toHaveLength(1);
    expect(page.rows[6]!.detail).toEqual({ cameraId: 'cam-1' });
    // The sign-in of the test's operator was recorded by the session service.
    expect(page.rows.map((r) => r.action)).toContain('session.signIn');

    const filtered = await value<AuditPage>(
      station,
      'audit.list',
      { action: 'rotation.', operator: '值班长甲', limit: 2 },
      as(desk),
    );
    expect(filtered.rows.map((r) => r.action)).toEqual(['rotation.pause', 'rotation.start']);
    const older = await value<AuditPage>(
      station,
      'audit.list',
      { action: 'rotation.', limit: 2, before: filtered.next! },
      as(desk),
    );
    expect(older).toEqual({
      rows: [expect.objectContaining({ action: 'rotation.save' })],
      next: null,
    });

    const file = await value<{ filename: string; csv: string; rows: number }>(
      station,
      'audit.exportCsv',
      { action: 'wall.' },
      as(desk),
    );
    expect(file.filename).toMatch(/^audit-\d{12}\.csv$/);
    expect(file.rows).toBe(2);
    const lines = file.csv.split('\r\n');
    expect(lines[0]).toBe('\uFEFFid,time,operator,role,window,action,subject,detail');
    expect(lines[1]).toMatch(
      /^\d+,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},值班长甲,chief,desk,wall\.assign,wall 1 tile 0,"\{""cameraId"":""cam-1""\}"$/,
    );
    // The export is an act too.
    const last = await value<AuditPage>(station, 'audit.list', { limit: 1 }, as(desk));
    expect(last.rows[0]).toMatchObject({ action: 'audit.exportCsv', detail: { action: 'wall.' } });

    expect(await value<AuditChainStatus>(station, 'audit.verify', {}, as(desk))).toMatchObject({
      intact: true,
    });
  });

  it('a watcher is refused the record, and the refusal is in it', async () => {
    const dataDir = tempDir('vigil-audit-');
    dirs.push(dataDir);
    const station = await start(dataDir);
    await signInAs(station, '值机员乙', 'watcher');
    expect(await station.host.dispatch('audit.list', {}, desk)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'audit.list needs a duty chief; 值机员乙 is a watcher' },
    });
    await signInAs(station, '值班长甲', 'chief');
    const page = await value<AuditPage>(station, 'audit.list', { action: 'refused' }, as(desk));
    expect(page.rows[0]).toMatchObject({
      operator: '值机员乙',
      role: 'watcher',
      window: 'desk',
      subject: 'audit.list',
    });
  });

  it('names the row changed in the file while the station was down', async () => {
    const dataDir = tempDir('vigil-audit-');
    dirs.push(dataDir);
    const station = await start(dataDir);
    await signInAs(station, '值班长甲', 'chief');
    await value(station, 'wall.assign', { wallId: 1, tileIndex: 0, cameraId: 'cam-2' }, as(desk));
    await value(station, 'wall.identify', { seconds: 3 }, as(desk));
    await station.stop();
    stations.splice(stations.indexOf(station), 1);

    const raw = new Database(join(dataDir, 'vigil.db'));
    const { id } = raw.prepare("SELECT id FROM audit WHERE action = 'wall.assign'").get() as {
      id: number;
    };
    raw.exec(`DROP TRIGGER audit_no_update;
      UPDATE audit SET subject = 'wall 2 tile 0' WHERE id = ${id};`);
    raw.close();

    const again = await start(dataDir);
    expect(await value<AuditChainStatus>(again, 'audit.verify', {}, as(desk))).toEqual({
      intact: false,
      rows: id - 1,
      brokenId: id,
      reason: 'changed',
    });
  });
});
