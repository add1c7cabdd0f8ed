/**
 * Runs a product's computation in a worker thread (one a product, ended after), or in-process
 * when no worker file is given (vitest, where electron-vite's `?modulePath` is not built).
 */
import { Worker } from 'node:worker_threads';
import type { AnalysisProduct } from '../../../shared/contract/analysis';
import type { ProductInput } from '../../../shared/domain/analysis/product';
import { runProduct, type WorkerAnswer } from './product-compute';

export type ProductRunner = (input: ProductInput) => Promise<AnalysisProduct>;

/**
 * `workerFile`: the built product-worker's path (or its promise, product-worker-file.ts); null:
 * compute in-process.
 */
export function productRunner(workerFile: string | null | Promise<string | null>): ProductRunner {
  const file = Promise.resolve(workerFile).catch(() => null);
  return async (input) => {
    const path = await file;
    return path === null ? runProduct(input) : inWorker(path, input);
  };
}

function inWorker(workerFile: string, input: ProductInput): Promise<AnalysisProduct> {
  return new Promise<AnalysisProduct>((resolve, reject) => {
    const worker = new Worker(workerFile);
    let done = false;
    const finish = (fn: () => void): void => {
      if (done) return;
      done = true;
      fn();
      void worker.terminate();
    };
    worker.once('message', (answer: WorkerAnswer) =>
      finish(() => (answer.ok ? resolve(answer.product) : reject(new Error(answer.error)))),
    );
    worker.once('error', (error) => finish(() => reject(error)));
    worker.once('exit', (code) =>
      finish(() => reject(new Error(`the product worker stopped (exit ${code})`))),
    );
    worker.postMessage(input);
  });
}
