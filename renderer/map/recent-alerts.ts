/** Which kept alerts the map draws (issue #15: recent alerts as markers). Pure. */
import type { KeptAlert } from '../../shared/contract/alerts';

/** Alerts older than this are not drawn. */
export const RECENT_ALERT_MS = 24 * 3_600_000;

/** The alerts worth a marker: received in the last day, with a position. Pure. */
export function recentAlerts(alerts: readonly KeptAlert[], now: number): KeptAlert[] {
  return alerts.filter(
    (a) =>
      now - a.receivedAt <= RECENT_ALERT_MS &&
      Number.isFinite(a.lat) &&
      Number.isFinite(a.lng) &&
      !(a.lat === 0 && a.lng === 0),
  );
}
