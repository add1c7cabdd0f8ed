/**
 * State changes as events, one sequence per stream, with a bounded history so a window that
 * reconnects or reloads asks for "everything since N" and never shows stale or doubled state.
 * If N is older than the history (or from an earlier run of the core), the answer says `reset`
 * and the window refetches the state instead.
 */
import { randomUUID } from 'node:crypto';
import type { EventPayloads, EventStreamName, EventsSince, VigilEvent } from '../../shared/api';

export type EventListener = (event: VigilEvent) => void;

export class EventBus {
  readonly epoch = randomUUID();
  private readonly seqs = new Map<EventStreamName, number>();
  private readonly history = new Map<EventStreamName, VigilEvent[]>();
  private readonly listeners = new Set<EventListener>();

  constructor(
    private readonly keep = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  emit<S extends EventStreamName>(stream: S, payload: EventPayloads[S]): VigilEvent {
    const seq = (this.seqs.get(stream) ?? 0) + 1;
    this.seqs.set(stream, seq);
    const event = { stream, seq, epoch: this.epoch, at: this.now(), payload } as VigilEvent;
    const list = this.history.get(stream) ?? [];
    list.push(event);
    if (list.length > this.keep) list.splice(0, list.length - this.keep);
    this.history.set(stream, list);
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken listener (a closed socket) must not stop the others.
      }
    }
    return event;
  }

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  since(stream: EventStreamName, since: number, epoch?: string): EventsSince {
    const seq = this.seqs.get(stream) ?? 0;
    const list = this.history.get(stream) ?? [];
    const oldest = list[0]?.seq ?? seq + 1;
    const otherEpoch = epoch !== undefined && epoch !== this.epoch;
    const reset = otherEpoch || since > seq || (since < oldest - 1 && since < seq);
    return {
      events: reset ? [] : list.filter((e) => e.seq > since),
      reset,
      epoch: this.epoch,
      seq,
    };
  }
}
