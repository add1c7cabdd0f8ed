import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';

/**
 * A call from the Dispatch tab: its failure is said in the tab's notice line (with the contract's
 * error words); on success `done` may give the notice's words.
 */
export type Run = <M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  done?: (value: MethodOutput<M>) => string | null,
) => Promise<MethodOutput<M> | null>;
