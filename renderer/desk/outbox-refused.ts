/**
 * What a refused outbox item was, in the watcher's words (issue #10 item 6): "巡查标记 · 东门
 * 卡口 · 异常", "定时查巡 夜间河道 的查巡记录". Pure: the words come from `words` (i18n in the
 * desk, stubs in tests) and camera names from the catalog, falling back to the id.
 */
import { patrolMarks, type PatrolMark } from '../../shared/api';
import type { RefusedOutboxItem } from '../../shared/contract/outbox';

export interface RefusedWords {
  /** A mark made at the desk: "查巡标记 · 东门卡口 · 异常". */
  mark: (values: { camera: string; mark: string }) => string;
  /** A mark made at a tour stop. */
  tourMark: (values: { camera: string; mark: string; tour: string }) => string;
  /** A tour run's record. */
  tourRun: (values: { tour: string }) => string;
  /** Anything else, by its kind. */
  other: (values: { kind: string }) => string;
  /** A mark in words ("异常"). */
  markName: (mark: PatrolMark) => string;
  /** A camera's name, when the catalog has it. */
  cameraName: (id: string) => string | undefined;
}

const isMark = (value: string | null): value is PatrolMark =>
  value !== null && (patrolMarks as readonly string[]).includes(value);

/** One line saying what the refused item was. */
export function describeRefused(item: RefusedOutboxItem, words: RefusedWords): string {
  const tour = item.tourName ?? item.tourRunId ?? '';
  if (item.kind === 'tour-run') return words.tourRun({ tour });
  if (item.kind === 'patrol-mark' && item.cameraId !== null) {
    const camera = words.cameraName(item.cameraId) ?? item.cameraId;
    const mark = isMark(item.mark) ? words.markName(item.mark) : (item.mark ?? '');
    return item.tourRunId !== null
      ? words.tourMark({ camera, mark, tour })
      : words.mark({ camera, mark });
  }
  return words.other({ kind: item.kind });
}
