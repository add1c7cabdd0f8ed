/**
 * What each wall's tiles last said they were doing (playing, stalled, offline-camera …), for the
 * desk's miniatures. Memory only: a restarted core hears again within a report interval. A report
 * that changes nothing is not re-emitted (a wall reports on a timer).
 */
import type { TileReport, WallBudgetReport, WallTileReports } from '../../../shared/contract/wall';

export class TileReports {
  private readonly walls = new Map<number, WallTileReports>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Stores a wall's report (and its decoder budget, when it says); returns it when it differs from
   * the last one, else null.
   */
  report(
    wallId: number,
    tiles: readonly TileReport[],
    budget?: WallBudgetReport,
  ): WallTileReports | null {
    const byIndex = new Map<number, string>();
    for (const t of tiles) byIndex.set(t.index, t.state);
    const sorted = [...byIndex]
      .sort((a, b) => a[0] - b[0])
      .map(([index, state]) => ({ index, state }));
    const previous = this.walls.get(wallId);
    const next: WallTileReports = {
      wallId,
      tiles: sorted,
      at: this.now(),
      ...(budget ? { budget } : {}),
    };
    this.walls.set(wallId, next);
    const same =
      previous !== undefined &&
      JSON.stringify(previous.budget) === JSON.stringify(budget) &&
      previous.tiles.length === sorted.length &&
      previous.tiles.every((t, i) => t.index === sorted[i]!.index && t.state === sorted[i]!.state);
    return same ? null : next;
  }

  all(): WallTileReports[] {
    return [...this.walls.values()].sort((a, b) => a.wallId - b.wallId);
  }
}
