/**
 * How one method of the contract is declared: its zod input schema, the window kinds that may
 * call it, and (as a phantom type) its result. Shared by every capability's contract file.
 */
import { z } from 'zod';

export const windowKinds = ['desk', 'wall'] as const;

/** Operators' roles, least first: a higher role may do all a lower one may (contract/access.ts). */
export const roles = ['watcher', 'chief', 'admin'] as const;
export type Role = (typeof roles)[number];
export type WindowKind = (typeof windowKinds)[number];

export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** Window kinds allowed to call it. */
  callers: readonly WindowKind[];
  /** Phantom: the result type. */
  output?: O;
}

/** `method<Result>()(inputSchema, callers)`: the result type is named, the input inferred. */
export const method =
  <O>() =>
  <I extends z.ZodType>(input: I, callers: readonly WindowKind[]) =>
    ({ input, callers }) as MethodSpec<I, O>;

export const both = ['desk', 'wall'] as const;
export const deskOnly = ['desk'] as const;

// Ids every capability's schemas use.
export const wallIdSchema = z.number().int().min(1).max(64);
export const tileIndexSchema = z.number().int().min(0).max(255);
export const cameraIdSchema = z.string().min(1).max(64);
