/**
 * "Show on map" from anywhere in the desk (the camera tree, an alert, a tour record, a mark): one
 * request at a time, kept until the map takes it (the map tab is loaded on first use, so the
 * request may come before the map exists). The desk's tabs listen too, to bring the map forward.
 *
 *   requestMapFocus({ kind: 'camera', id })            a catalog camera
 *   requestMapFocus({ kind: 'unit', id })              a patrol unit (where it is now)
 *   requestMapFocus({ kind: 'point', lat, lng, label }) any WGS-84 position
 *   requestMapFocus({ kind: 'point', lat, lng, label, alertId })  an alert where it happened
 *                                                      (older than the map's recent alerts too)
 */
import { useSyncExternalStore } from 'react';

export type MapFocusRequest =
  | { kind: 'camera' | 'unit' | 'area' | 'checkpoint' | 'dutyPost' | 'alert'; id: string }
  | { kind: 'point'; lat: number; lng: number; label: string; alertId?: string };

export interface PendingFocus {
  request: MapFocusRequest;
  /** Grows with every request, so the same camera asked twice is centred twice. */
  seq: number;
}

let pending: PendingFocus | null = null;
let seq = 0;
const listeners = new Set<() => void>();

export function requestMapFocus(request: MapFocusRequest): void {
  seq++;
  pending = { request, seq };
  for (const listener of [...listeners]) listener();
}

/** The request not yet taken, or null. */
export function pendingMapFocus(): PendingFocus | null {
  return pending;
}

/** The map took the request `seq` (a newer one stays pending). */
export function takeMapFocus(taken: number): void {
  if (pending?.seq === taken) {
    pending = null;
    for (const listener of [...listeners]) listener();
  }
}

export function subscribeMapFocus(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The pending request, re-rendering when one comes or is taken. */
export function useMapFocus(): PendingFocus | null {
  return useSyncExternalStore(subscribeMapFocus, pendingMapFocus, pendingMapFocus);
}
