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

// ---------------------------------------------------------------------------------------------
// The link's problems in the watcher's words (issue #15: no raw transport errors in the header)
// ---------------------------------------------------------------------------------------------

/** What one of the link's problems means for the watcher (a `linkHealth.meaning…` key). */
export type LinkMeaning =
  | 'meaningConnecting'
  | 'meaningPlatform'
  | 'meaningPlatformRetrying'
  | 'meaningRealtime'
  | 'meaningCatalog'
  | 'meaningDuplicate'
  | 'meaningOther';

export interface LinkProblem {
  meaning: LinkMeaning;
  /** The station's own words (for "details"), e.g. "platform: catalog: ECONNREFUSED". */
  raw: string;
}

/** The station joins its problems with "; " before each channel's name (link-state.ts). */
const PROBLEM_START = /; (?=(?:platform|realtime|catalog rejected): )/;

function meaningOf(raw: string): LinkMeaning {
  const [, channel = '', rest = ''] =
    /^(platform|realtime|catalog rejected): ([\s\S]*)$/.exec(raw) ?? [];
  if (rest.trim() === 'connecting') return 'meaningConnecting';
  if (channel === 'platform') {
    return rest.endsWith('(retrying)') ? 'meaningPlatformRetrying' : 'meaningPlatform';
  }
  if (channel === 'realtime') {
    return /station\.id/.test(rest) ? 'meaningDuplicate' : 'meaningRealtime';
  }
  if (channel === 'catalog rejected') return 'meaningCatalog';
  return 'meaningOther';
}

/**
 * The link's `detail` as problems, each with what it means for the watcher and the station's own
 * words: the header says the meanings, the raw words wait behind "详情".
 */
export function linkProblems(detail: string | null): LinkProblem[] {
  if (detail === null || detail.trim() === '') return [];
  return detail.split(PROBLEM_START).map((raw) => ({ raw, meaning: meaningOf(raw) }));
}

/** The distinct meanings, in order (two channels connecting say it once). */
export function linkMeanings(problems: readonly LinkProblem[]): LinkMeaning[] {
  return [...new Set(problems.map((p) => p.meaning))];
}
