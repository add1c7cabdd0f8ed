import { describe, expect, it } from 'vitest';
import { createFaultState, FaultSchema } from '../../../electron/sim/fault-state';
import { createEventInbox } from '../../../electron/sim/event-inbox';

describe('fault state', () => {
  it('changes a look only from the next segment on, and back when cleared', () => {
    const faults = createFaultState();
    faults.setCameraFault({ kind: 'frozen', cameraId: 'c1' }, 100);
    expect(faults.lookAt('c1', 99)).toBe('live');
    expect(faults.lookAt('c1', 100)).toBe('frozen');
    faults.clearCamera('c1', 110);
    expect(faults.lookAt('c1', 105)).toBe('frozen');
    expect(faults.lookAt('c1', 110)).toBe('live');
    expect(faults.list()).toEqual([]);
  });

  it('stalls at the newest published segment and lists every fault', () => {
    const faults = createFaultState();
    faults.setCameraFault({ kind: 'stalled', cameraId: 'c2' }, 50);
    faults.setCameraFault({ kind: 'camera-offline', cameraId: 'c3' }, 50);
    faults.platformDown = true;
    expect(faults.stalledAt('c2')).toBe(49);
    expect(faults.list()).toEqual([
      { kind: 'platform-down' },
      { kind: 'stalled', cameraId: 'c2' },
      { kind: 'camera-offline', cameraId: 'c3' },
    ]);
    expect(faults.clearAll(60)).toEqual(['c3']);
    expect(faults.platformDown).toBe(false);
    expect(faults.stalledAt('c2')).toBeNull();
  });

  it('switches a camera to fMP4 and back, listed like the other attributes', () => {
    const faults = createFaultState();
    expect(faults.isFmp4('c4')).toBe(false);
    faults.setCameraFault({ kind: 'fmp4', cameraId: 'c4' }, 10);
    expect(faults.isFmp4('c4')).toBe(true);
    expect(faults.list()).toEqual([{ kind: 'fmp4', cameraId: 'c4' }]);
    expect(faults.clearCamera('c4', 11)).toBe(false);
    expect(faults.isFmp4('c4')).toBe(false);
    expect(faults.list()).toEqual([]);
  });

  it('status-offline reports a camera offline whose stream serves on; http-503 only answers 503', () => {
    const faults = createFaultState();
    faults.setCameraFault({ kind: 'status-offline', cameraId: 'c5' }, 10);
    faults.setCameraFault({ kind: 'http-503', cameraId: 'c6' }, 10);
    expect(faults.isStatusOffline('c5')).toBe(true);
    expect(faults.isOffline('c5')).toBe(false);
    expect(faults.isHttp503('c6')).toBe(true);
    expect(faults.list()).toEqual([
      { kind: 'status-offline', cameraId: 'c5' },
      { kind: 'http-503', cameraId: 'c6' },
    ]);
    // Cleared: the one reported offline is reported online again; the 503 one never changed.
    expect(faults.clearAll(11)).toEqual(['c5']);
    expect(faults.isHttp503('c6')).toBe(false);
    expect(faults.list()).toEqual([]);
  });

  it('rejects a fault without its camera or of an unknown kind', () => {
    expect(FaultSchema.safeParse({ kind: 'black' }).success).toBe(false);
    expect(FaultSchema.safeParse({ kind: 'melted', cameraId: 'x' }).success).toBe(false);
    expect(FaultSchema.safeParse({ kind: 'platform-down' }).success).toBe(true);
  });
});

describe('event inbox', () => {
  it('keeps one event per key and counts the posts', () => {
    const inbox = createEventInbox();
    const event = {
      type: 'patrol-mark' as const,
      id: 'e1',
      cameraId: 'c1',
      mark: 'abnormal' as const,
      note: '',
      operator: '王芳',
      at: 1,
    };
    const first = inbox.accept('k1', event, 10);
    const again = inbox.accept('k1', { ...event, note: 'changed' }, 20);
    expect(first.created).toBe(true);
    expect(again).toEqual({ created: false, receipt: first.receipt });
    expect(inbox.list()).toEqual([{ key: 'k1', event, count: 2, firstAt: 10, lastAt: 20 }]);
  });
});
