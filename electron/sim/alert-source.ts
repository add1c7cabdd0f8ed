/**
 * 110 alerts the simulated command centre receives (docs/protocol.md §3, `vigil/alerts`): a
 * category and a place near a camera, now and then or on demand from the admin API.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Camera } from '../../shared/api';
import type { AlertMessage } from '../../shared/contract/platform';
import type { Prng } from './prng';

/** An alert as published on `vigil/alerts` (shared/contract/platform.ts). */
export type Alert = AlertMessage;

export const alertCategories = [
  '盗窃',
  '打架斗殴',
  '交通事故',
  '可疑人员',
  '火情',
  '寻人',
  '噪音扰民',
  '非法挖掘',
] as const;

export const AlertRequestSchema = z
  .object({
    category: z.string().trim().min(1).max(50).optional(),
    title: z.string().trim().min(1).max(200).optional(),
    cameraId: z.string().trim().min(1).max(64).optional(),
  })
  .default({});
export type AlertRequest = z.infer<typeof AlertRequestSchema>;

/** A random alert every 10 minutes by default: one a minute made every demo chaotic. */
export const defaultAlertIntervalMs = 600_000;

/**
 * What the title of every alert the simulator makes up starts with, so no one in a hall takes a
 * simulated alert for a real one. A title given by the admin API is the caller's own words.
 */
export const simulatedTitlePrefix = '【模拟】';

/** Makes an alert near `camera` (the request's fields win over the random ones). */
export function makeAlert(prng: Prng, camera: Camera, request: AlertRequest, now: number): Alert {
  const category = request.category ?? prng.pick(alertCategories);
  const place = camera.name.replace(/\s+\d+$/, '');
  // About 30 m off the camera, as a caller's description of a place is.
  const lat = Math.round((camera.lat + prng.range(-0.0003, 0.0003)) * 1e6) / 1e6;
  const lng = Math.round((camera.lng + prng.range(-0.0003, 0.0003)) * 1e6) / 1e6;
  const withCamera = request.cameraId !== undefined || prng.chance(0.7);
  return {
    id: randomUUID(),
    title: request.title ?? `${simulatedTitlePrefix}${category}：${place}附近`,
    category,
    lat,
    lng,
    at: now,
    ...(withCamera ? { cameraId: camera.id } : {}),
  };
}
