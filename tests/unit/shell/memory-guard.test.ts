import { describe, expect, it } from 'vitest';
import { MemoryGuard } from '../../../electron/shell/memory-guard';

const minute = 60_000;

describe('wall memory guard', () => {
  it('reloads a wall over the limit two samples running, not on one peak', () => {
    const guard = new MemoryGuard({ limitMb: 3000 });
    expect(guard.check([{ wallId: 1, mb: 3100 }], 0)).toBeNull();
    expect(guard.check([{ wallId: 1, mb: 2900 }], minute)).toBeNull(); // the peak passed
    expect(guard.check([{ wallId: 1, mb: 3100 }], 2 * minute)).toBeNull();
    expect(guard.check([{ wallId: 1, mb: 3200 }], 3 * minute)).toEqual({ wallId: 1, mb: 3200 });
  });

  it('reloads one wall per sample, the largest first, so the hall never goes dark at once', () => {
    const guard = new MemoryGuard({ limitMb: 3000 });
    const walls = [
      { wallId: 1, mb: 3100 },
      { wallId: 2, mb: 3500 },
      { wallId: 3, mb: 1200 },
    ];
    expect(guard.check(walls, 0)).toBeNull();
    expect(guard.check(walls, minute)?.wallId).toBe(2);
    // Wall 2 came back small; wall 1 is still over and goes next.
    walls[1] = { wallId: 2, mb: 400 };
    expect(guard.check(walls, 2 * minute)?.wallId).toBe(1);
    expect(guard.check(walls, 3 * minute)).toBeNull();
  });

  it('leaves a reloaded wall alone for the cool-down, even if it comes back over the limit', () => {
    const guard = new MemoryGuard({ limitMb: 600, coolDownMs: 30 * minute });
    const big = [{ wallId: 1, mb: 700 }];
    guard.check(big, 0);
    expect(guard.check(big, minute)?.wallId).toBe(1);
    for (let m = 2; m < 31; m++) expect(guard.check(big, m * minute)).toBeNull();
    expect(guard.check(big, 31 * minute)?.wallId).toBe(1);
  });

  it('forgets a wall that closed, and does nothing with a limit of 0', () => {
    const guard = new MemoryGuard({ limitMb: 3000 });
    guard.check([{ wallId: 4, mb: 5000 }], 0);
    guard.check([], minute); // wall 4 closed (its monitor unplugged)
    expect(guard.check([{ wallId: 4, mb: 5000 }], 2 * minute)).toBeNull();
    const off = new MemoryGuard({ limitMb: 0 });
    for (let m = 0; m < 5; m++)
      expect(off.check([{ wallId: 1, mb: 60_000 }], m * minute)).toBeNull();
  });
});
