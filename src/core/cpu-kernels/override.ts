/**
 * Registering one of the engine's CPU kernels over tfjs-backend-cpu's: the original kernel is
 * handed to the replacement (for the dtypes it keeps), and a marker makes registration
 * idempotent (register-kernels.ts may run again, to put back what a test took off).
 */
import * as tf from '@tensorflow/tfjs-core';

type Marked = tf.KernelConfig & { engineOverride?: true };

/** Replaces the CPU kernel `name` with `make(original)`, once; a no-op where none is registered. */
export function overrideCpuKernel(
  name: string,
  make: (original: tf.KernelFunc) => tf.KernelFunc,
): void {
  const cfg = tf.getKernel(name, 'cpu') as Marked | undefined;
  if (!cfg || cfg.engineOverride) return;
  tf.unregisterKernel(name, 'cpu');
  tf.registerKernel({ ...cfg, kernelFunc: make(cfg.kernelFunc), engineOverride: true } as Marked);
}
