/**
 * MQTT payloads from the platform (docs/protocol.md §3), validated before anything uses them.
 * Unknown fields are ignored (a newer platform may add some); a payload that fails is dropped
 * and counted, never stored.
 */
import { z } from 'zod';

const lat = z.number().min(-90).max(90);
const lng = z.number().min(-180).max(180);
const ms = z.number().int().min(0);

/**
 * How far ahead of the station's clock a message's `at` may be (clock skew between platform and
 * station). Later than this, the message is refused and counted: a unit position dated a year
 * ahead would otherwise stay the unit's latest and hide every real fix after it.
 */
export const maxFutureSkewMs = 5 * 60_000;

export const CameraStatusMessageSchema = z.object({
  cameraId: z.string().min(1).max(64),
  status: z.enum(['online', 'offline']),
  at: ms,
});
export type CameraStatusMessage = z.infer<typeof CameraStatusMessageSchema>;

export const unitKinds = ['car', 'foot', 'village'] as const;
export const UnitPositionSchema = z.object({
  unitId: z.string().min(1).max(64),
  callSign: z.string().min(1).max(100),
  kind: z.enum(unitKinds),
  lat,
  lng,
  heading: z.number().min(0).max(360),
  /** m/s */
  speed: z.number().min(0).max(200),
  at: ms,
});
export type UnitPosition = z.infer<typeof UnitPositionSchema>;

export const AlertMessageSchema = z.object({
  id: z.string().min(1).max(100),
  title: z.string().min(1).max(500),
  category: z.string().min(1).max(100),
  lat,
  lng,
  at: ms,
  cameraId: z.string().min(1).max(64).optional(),
});
export type AlertMessage = z.infer<typeof AlertMessageSchema>;

export const topics = {
  cameraStatus: 'vigil/cameras/+/status',
  unitPosition: 'vigil/units/+/position',
  alerts: 'vigil/alerts',
} as const;
