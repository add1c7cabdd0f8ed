/**
 * Live failures (issue #16 item 6): the failure process (./failure-process.ts) played on from the
 * simulator's start. Each tick hands the failures whose time came to the hooks: a camera goes
 * down, its ticket is due (after half an hour down), it is repaired. The queue holds the next
 * few hours only and is topped up as time goes on, so nothing is computed far ahead.
 */
import type { Failure, FailureProcess } from './failure-process';

export interface LiveFailureHooks {
  /** The camera goes down (at the start: it has been down since `failure.start`). */
  down(failure: Failure): void;
  /** The failure has lasted long enough for a ticket (at the start: one opened before it). */
  ticketDue(failure: Failure): void;
  /** The camera is repaired. */
  up(failure: Failure): void;
}

export interface LiveFailures {
  /** Hands every event up to `now` to the hooks, in order. */
  tick(now: number): void;
  /** The failures going on now. */
  ongoing(): Failure[];
}

interface QueuedEvent {
  at: number;
  what: keyof LiveFailureHooks;
  failure: Failure;
}

const order: Record<keyof LiveFailureHooks, number> = { up: 0, down: 1, ticketDue: 2 };
const defaultChunkMs = 6 * 3_600_000;

export function createLiveFailures(opts: {
  process: FailureProcess;
  cameraIds: readonly string[];
  hooks: LiveFailureHooks;
  chunkMs?: number;
}): LiveFailures {
  const { process, cameraIds, hooks } = opts;
  const chunkMs = opts.chunkMs ?? defaultChunkMs;
  const startedAt = process.startedAt;
  let queue: QueuedEvent[] = [];
  let horizon = startedAt;
  const ongoing = new Map<string, Failure>();

  const enqueue = (failure: Failure): void => {
    queue.push({ at: Math.max(failure.start, startedAt), what: 'down', failure });
    if (failure.ticket) {
      // A ticket opened before the start opens with the first tick after it (not in the start).
      const { openedAt } = failure.ticket;
      queue.push({
        at: openedAt < startedAt ? startedAt + 1 : openedAt,
        what: 'ticketDue',
        failure,
      });
    }
    queue.push({ at: failure.end, what: 'up', failure });
  };
  const sort = (): void => {
    queue.sort((a, b) => a.at - b.at || order[a.what] - order[b.what]);
  };

  // The failures going on at the start, and those starting in the first chunk.
  for (const id of cameraIds) {
    for (const f of process.failuresOf(id, startedAt, startedAt + chunkMs)) enqueue(f);
  }
  horizon = startedAt + chunkMs;
  sort();

  const topUp = (now: number): void => {
    while (now + chunkMs / 2 >= horizon) {
      const from = horizon;
      horizon += chunkMs;
      for (const id of cameraIds) {
        for (const f of process.failuresStartingIn(id, from, horizon)) enqueue(f);
      }
    }
    sort();
  };

  return {
    tick(now) {
      if (now + chunkMs / 2 >= horizon) topUp(now);
      let i = 0;
      while (i < queue.length && (queue[i] as QueuedEvent).at <= now) {
        const { what, failure } = queue[i] as QueuedEvent;
        i += 1;
        const key = `${failure.cameraId}|${failure.start}`;
        if (what === 'down') ongoing.set(key, failure);
        if (what === 'up') ongoing.delete(key);
        hooks[what](failure);
      }
      if (i > 0) queue = queue.slice(i);
    },
    ongoing: () => [...ongoing.values()],
  };
}
