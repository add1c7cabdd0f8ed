/**
 * The worker thread's entry (node:worker_threads) that computes one analysis product: the heavy
 * statistics (Gi*, KDE, near-repeat over a year of history) never block the station's event
 * loop. Built as its own chunk by electron-vite (`./product-worker?modulePath` in
 * product-runner.ts); it gets a ProductInput, answers the product with computeMs measured here.
 */
import { parentPort } from 'node:worker_threads';
import { runProduct, type WorkerAnswer } from './product-compute';
import type { ProductInput } from '../../../shared/domain/analysis/product';

parentPort?.on('message', (input: ProductInput) => {
  let answer: WorkerAnswer;
  try {
    answer = { ok: true, product: runProduct(input) };
  } catch (error) {
    answer = { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
});
