/**
 * The indices of a seeded batch of a set: the same rows in the worker and in Node, so a
 * browser measurement can be checked against the Node engine on identical inputs.
 */
import { Rng } from '../rng';

export function seededBatchIndices(n: number, batchSize: number, seed: number): Int32Array {
  const order = new Rng(seed).shuffle(Int32Array.from({ length: n }, (_, i) => i));
  return order.subarray(0, Math.min(batchSize, n));
}
