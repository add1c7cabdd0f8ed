/**
 * Alerts as the station keeps them (issue #10): every alert the platform sent, once per id, for
 * `alertRetentionDays` (docs/protocol.md §3).
 */
import { z } from 'zod';
import { deskOnly, method } from './method';

export interface KeptAlert {
  id: string;
  /** When the platform says it happened (ms since epoch). */
  at: number;
  /** When this station received it. */
  receivedAt: number;
  title: string;
  category: string;
  lat: number;
  lng: number;
  cameraId?: string;
}

/** How long a station keeps alerts. */
export const alertRetentionDays = 90;

export const alertMethods = {
  /** Kept alerts, newest first; `beforeMs` (a receivedAt) pages back. */
  'alerts.list': method<KeptAlert[]>()(
    z.strictObject({
      limit: z.number().int().min(1).max(1000).default(100),
      beforeMs: z.number().int().min(0).optional(),
    }),
    deskOnly,
  ),
} as const;
