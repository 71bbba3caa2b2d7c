/**
 * Registering one of the engine's kernels over a tfjs backend's own: the original kernel is
 * handed to the replacement (for the cases it keeps), its setup function (tfjs-backend-wasm's
 * binds the C entry point there) stays, and a marker makes registration idempotent
 * (register-kernels.ts may run again, to put back what a test took off).
 */
import * as tf from '@tensorflow/tfjs-core';

/** An override keeps the kernel it replaced, so that restoreKernel can put it back. */
type Marked = tf.KernelConfig & { engineOverride?: true; original?: tf.KernelFunc };

/** Replaces `backend`'s kernel `name` with `make(original)`, once; a no-op where none is registered. */
export function overrideKernel(
  name: string,
  backend: string,
  make: (original: tf.KernelFunc) => tf.KernelFunc,
): void {
  const cfg = tf.getKernel(name, backend) as Marked | undefined;
  if (!cfg || cfg.engineOverride) return;
  tf.unregisterKernel(name, backend);
  const kernelFunc = make(cfg.kernelFunc);
  tf.registerKernel({
    ...cfg,
    kernelFunc,
    engineOverride: true,
    original: cfg.kernelFunc,
  } as Marked);
}

/** Replaces the CPU kernel `name` with `make(original)`, once; a no-op where none is registered. */
export const overrideCpuKernel = (
  name: string,
  make: (original: tf.KernelFunc) => tf.KernelFunc,
): void => overrideKernel(name, 'cpu', make);

/**
 * Puts back the kernel an override replaced (a bench or a test comparing against tfjs's own; the
 * next registerEngineKernels overrides it again). A no-op where `name` is not overridden.
 */
export function restoreKernel(name: string, backend: string): void {
  const cfg = tf.getKernel(name, backend) as Marked | undefined;
  if (!cfg?.engineOverride || !cfg.original) return;
  const { engineOverride: _marker, original, ...rest } = cfg;
  tf.unregisterKernel(name, backend);
  tf.registerKernel({ ...rest, kernelFunc: original });
}
