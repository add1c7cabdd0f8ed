/**
 * One product computed and timed: what the worker runs, and what tests run in-process.
 */
import type { AnalysisProduct } from '../../../shared/contract/analysis';
import { computeProduct, type ProductInput } from '../../../shared/domain/analysis/product';

export type WorkerAnswer = { ok: true; product: AnalysisProduct } | { ok: false; error: string };

export function runProduct(input: ProductInput): AnalysisProduct {
  const t0 = performance.now();
  const product = computeProduct(input);
  return { ...product, computeMs: Math.round((performance.now() - t0) * 10) / 10 };
}
