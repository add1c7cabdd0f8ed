import { describe, expect, it } from 'vitest';
import { advance, emptyCursor, judgeEvent } from '../../../renderer/transport/stream-cursor';

describe('judgeEvent', () => {
  it('applies the first event seen and then only the next seq', () => {
    let cursor = emptyCursor();
    expect(judgeEvent(cursor, { epoch: 'a', seq: 7 })).toBe('apply');
    cursor = advance(cursor, { epoch: 'a', seq: 7 });
    expect(judgeEvent(cursor, { epoch: 'a', seq: 8 })).toBe('apply');
    expect(judgeEvent(cursor, { epoch: 'a', seq: 7 })).toBe('duplicate');
    expect(judgeEvent(cursor, { epoch: 'a', seq: 3 })).toBe('duplicate');
    expect(judgeEvent(cursor, { epoch: 'a', seq: 10 })).toBe('gap');
    expect(judgeEvent(cursor, { epoch: 'b', seq: 1 })).toBe('reset');
  });
});
