/**
 * The analysis capability (issue #17), built by the composition root: the incident history, the
 * products computed in a worker, warnings to units, roll calls, scores and the patrol star.
 * (Being built: until then every method answers `unavailable`.)
 */
import { analysisMethods } from '../../../shared/contract/analysis';
import { VigilError } from '../../../shared/result';
import type { Handlers } from '../contract-host';

export type AnalysisHandlers = Pick<Handlers, keyof typeof analysisMethods>;

export interface AnalysisCapability {
  handlers: AnalysisHandlers;
  start(): void;
  stop(): Promise<void>;
}

export function createAnalysisCapability(): AnalysisCapability {
  const unavailable = (): never => {
    throw new VigilError('unavailable', 'analysis is not built yet');
  };
  const handlers = Object.fromEntries(
    Object.keys(analysisMethods).map((name) => [name, unavailable]),
  ) as unknown as AnalysisHandlers;
  return { handlers, start: () => undefined, stop: async () => undefined };
}
