/** The desk's words for a refused outbox item (issue #10 item 6). */
import { describe, expect, it } from 'vitest';
import type { RefusedOutboxItem } from '../../../shared/contract/outbox';
import { describeRefused, type RefusedWords } from '../../../renderer/desk/outbox-refused';

const say =
  (key: string) =>
  (values: Record<string, string>): string =>
    `${key}(${Object.values(values).join('|')})`;
const words: RefusedWords = {
  mark: say('mark'),
  tourMark: say('tourMark'),
  tourRun: say('tourRun'),
  other: say('other'),
  markName: (mark) => ({ normal: '正常', abnormal: '异常', faulty: '故障' })[mark],
  cameraName: (id) => (id === 'cam-1' ? '东门卡口' : undefined),
};
const base: RefusedOutboxItem = {
  id: 1,
  kind: 'patrol-mark',
  cameraId: 'cam-1',
  mark: 'abnormal',
  tourName: null,
  tourRunId: null,
  operator: '值机员甲',
  createdAt: 0,
  refusedAt: 0,
  answer: 'HTTP 400',
  notedAt: null,
  notedBy: null,
};

describe('describeRefused', () => {
  it('names the camera (or its id) and the mark', () => {
    expect(describeRefused(base, words)).toBe('mark(东门卡口|异常)');
    expect(describeRefused({ ...base, cameraId: 'cam-9', mark: 'odd' }, words)).toBe(
      'mark(cam-9|odd)',
    );
  });
  it('says a mark was made at a tour stop, and names a tour record', () => {
    expect(describeRefused({ ...base, tourRunId: 'r1' }, words)).toBe('tourMark(东门卡口|异常|r1)');
    expect(
      describeRefused(
        { ...base, kind: 'tour-run', cameraId: null, mark: null, tourName: '夜间河道' },
        words,
      ),
    ).toBe('tourRun(夜间河道)');
  });
  it('names an action of another kind by its kind', () => {
    expect(describeRefused({ ...base, kind: 'alert-ack', cameraId: null }, words)).toBe(
      'other(alert-ack)',
    );
  });
});
