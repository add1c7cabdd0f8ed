/** Call signs of the simulated patrol units; mobile cameras are named after the unit carrying them. */
import type { UnitKind } from '../../shared/contract/platform';

const prefixes: Record<UnitKind, string> = { car: '巡', foot: '步巡', village: '村巡' };

/** The n-th (1-based) unit of a kind, e.g. 巡007, 步巡012, 村巡130. */
export function callSign(kind: UnitKind, n: number): string {
  return `${prefixes[kind]}${String(n).padStart(3, '0')}`;
}
