/**
 * The realtime feed's health in the watcher's words (issue #10): "已丢弃 12 条无效消息；最近一条：
 * vigil/alerts: title: …", and that another workstation uses this station's id. Pure: the words
 * come from `say` (i18next's `t` on the desk, the same in tests).
 */
import type { LinkRealtime } from '../../shared/api';
import type { linkHealthEn } from '../i18n/link.en';

/** A key of linkHealth without its plural suffix. */
export type LinkHealthKey = keyof typeof linkHealthEn extends infer K
  ? K extends `${infer Base}_${'one' | 'other'}`
    ? Base
    : K
  : never;
export type Say = (key: LinkHealthKey, values?: { count?: number; problem?: string }) => string;

/** Something to show: a duplicate id, or messages dropped or refused. */
export function realtimeTrouble(r: LinkRealtime | undefined): boolean {
  return r !== undefined && (r.duplicateStationId || r.dropped > 0 || r.refused > 0);
}

/** One sentence for a tooltip, or null when all is well. */
export function realtimeSummary(r: LinkRealtime | undefined, say: Say): string | null {
  if (!r || !realtimeTrouble(r)) return null;
  const parts: string[] = [];
  if (r.duplicateStationId) parts.push(say('duplicate'));
  if (r.dropped > 0) parts.push(say('dropped', { count: r.dropped }));
  if (r.refused > 0) parts.push(say('refused', { count: r.refused }));
  if (r.dropped + r.refused > 0 && r.lastProblem !== null) {
    parts.push(say('last', { problem: r.lastProblem }));
  }
  return parts.join(say('separator'));
}

/** The few words on the button next to the link badge, or null (no button). */
export function realtimeBadge(r: LinkRealtime | undefined, say: Say): string | null {
  if (!r || !realtimeTrouble(r)) return null;
  if (r.duplicateStationId) return say('duplicateShort');
  return say('badge', { count: r.dropped + r.refused });
}

/** The lines of the panel the button opens. */
export function realtimeLines(r: LinkRealtime, say: Say): string[] {
  const lines = [say('received', { count: r.received })];
  if (r.duplicateStationId) lines.push(say('duplicate'), say('duplicateHint'));
  if (r.dropped > 0) lines.push(say('dropped', { count: r.dropped }));
  if (r.refused > 0) lines.push(say('refused', { count: r.refused }));
  if (r.dropped + r.refused > 0 && r.lastProblem !== null) {
    lines.push(say('last', { problem: r.lastProblem }));
  }
  return lines;
}
