/**
 * The role matrix every transport is held to (issue #11 "Done when"): each method of the contract,
 * for nobody signed in and for each role, from a desk and from a wall window. What the door must
 * answer comes from the contract itself (the method's callers, its row in access.ts), so a row
 * changed there changes what every transport's test expects.
 */
import { isMethodName, methods, roles, type Role } from '../../shared/api';
import { access, meets } from '../../shared/contract/access';
import type { Handlers } from '../../electron/station/contract-host';

export type MatrixWindow = { window: 'desk' } | { window: 'wall'; wallId: 1 };

export interface MatrixCase {
  method: string;
  role: Role | null;
  from: MatrixWindow;
}

export function matrixCases(): MatrixCase[] {
  const windows: MatrixWindow[] = [{ window: 'desk' }, { window: 'wall', wallId: 1 }];
  return Object.keys(methods).flatMap((method) =>
    [null, ...roles].flatMap((role) => windows.map((from) => ({ method, role, from }))),
  );
}

/** May this call pass the door (before its input is read)? */
export function passesDoor({ method, role, from }: MatrixCase): boolean {
  if (!isMethodName(method)) throw new Error(`not a method: ${method}`);
  return methods[method].callers.includes(from.window) && meets(role, access[method].need);
}

/** Every method answering 'ran': the matrix asks only whether the door let a call through. */
export function stubHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const all = Object.fromEntries(Object.keys(methods).map((m) => [m, () => 'ran']));
  // A table of stubs has no per-method result types; the tests read results only as data.
  return { ...all, ...overrides } as unknown as Handlers;
}

/** A refusal by the door (as opposed to a bad input or the handler's answer). */
export const refusedAtDoor = (result: unknown): boolean =>
  typeof result === 'object' &&
  result !== null &&
  (result as { ok?: unknown }).ok === false &&
  (result as { error?: { code?: unknown } }).error?.code === 'forbidden';
