/**
 * The camera-health capability (issue #16), built by the composition root: camera health in the
 * core, the background prober, online rate and integrity, fault tickets and the weekly report.
 * (Being built: until then every method answers `unavailable`.)
 */
import { healthMethods } from '../../../shared/contract/health';
import { VigilError } from '../../../shared/result';
import type { Handlers } from '../contract-host';

export type HealthHandlers = Pick<Handlers, keyof typeof healthMethods>;

export interface HealthCapability {
  handlers: HealthHandlers;
  start(): void;
  stop(): Promise<void>;
}

export function createHealthCapability(): HealthCapability {
  const unavailable = (): never => {
    throw new VigilError('unavailable', 'camera health is not built yet');
  };
  const handlers = Object.fromEntries(
    Object.keys(healthMethods).map((name) => [name, unavailable]),
  ) as unknown as HealthHandlers;
  return { handlers, start: () => undefined, stop: async () => undefined };
}
