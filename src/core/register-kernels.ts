/**
 * Registers the engine's own kernels with tfjs, per backend. Called once, explicitly, by whoever
 * sets up a backend (the worker's selectBackend, the CLI's node-backend.ts, the tests' setup, the
 * Dawn checks); no module registers anything when it is imported. Idempotent: a second call
 * changes nothing but to put back a kernel that a test or a count took off.
 *
 * Which backend gets which family (the ops pick among them through the same registry,
 * kernel-paths.ts):
 *   cpu     matmul, broadcast arithmetic, permutes, reductions, softmax, over tfjs's own
 *           (cpu-kernels/batch-mat-mul.ts, broadcast-binary.ts, layout-reduce.ts)
 *   cpu     the fused and multi-tensor optimizer updates (LAMB, LARS too, with their segmented
 *   wasm    norms), BatchNorm(+ReLU) (cpu-kernels/fused-update.ts, multi-update.ts,
 *           multi-trust.ts, segmented-norms.ts, batch-norm-js.ts)
 *   wasm    BatchNorm's split kernels (batch-norm-js.ts), the conv input gradient by stride phase
 *           (conv-phases.ts); LayerNorm and bias gradients as JS kernels, and
 *           tfjs's BatchMatMul / Transpose overridden where slow (wasm-model-ops.ts)
 *   webgpu  the fused and multi-tensor updates, LayerNorm, GELU, softmax, qkv split, ViT
 *           tokens, squared norms,
 *           BatchNorm(+ReLU) as WGSL programs (gpu-kernels/)
 *
 * tfjs-core alone registers no gradient functions; the @tensorflow/tfjs package does on import,
 * in both its Node (CommonJS) and browser (ESM) builds (tfjs-core's own deep import of them is
 * ESM that Node cannot load), so this module imports the package. That import also registers
 * tfjs-backend-cpu's kernels, which the engine's CPU kernels then replace (cpu-kernels/override.ts).
 */
import '@tensorflow/tfjs';
import { registerCpuBatchMatMul } from './cpu-kernels/batch-mat-mul';
import { registerJsBatchNorm } from './cpu-kernels/batch-norm-js';
import { registerCpuBroadcastBinary } from './cpu-kernels/broadcast-binary';
import { registerWasmConvPhases } from './cpu-kernels/conv-phases';
import { registerCpuFusedUpdates } from './cpu-kernels/fused-update';
import { registerCpuLayoutReduce } from './cpu-kernels/layout-reduce';
import { registerCpuMultiUpdates } from './cpu-kernels/multi-update';
import { registerCpuMultiTrust } from './cpu-kernels/multi-trust';
import { registerCpuSegmentedSquares } from './cpu-kernels/segmented-norms';
import { registerWasmModelOps } from './cpu-kernels/wasm-model-ops';
import { registerWebGpuBatchNorm } from './gpu-kernels/batch-norm-webgpu';
import { registerWebGpuFusedUpdates } from './gpu-kernels/fused-update-webgpu';
import { registerWebGpuModelOps } from './gpu-kernels/model-ops-webgpu';
import { registerWebGpuMultiUpdates } from './gpu-kernels/multi-update-webgpu';
import { registerWebGpuMultiTrust } from './gpu-kernels/multi-trust-webgpu';
import { registerWebGpuSegmentedSquares } from './gpu-kernels/segmented-norms-webgpu';
import { registerWebGpuQkv } from './gpu-kernels/qkv-webgpu';
import { registerWebGpuTokens } from './gpu-kernels/tokens-webgpu';
import { registerWebGpuSoftmax } from './gpu-kernels/softmax-webgpu';
import { registerWebGpuSquaredNorms } from './gpu-kernels/squared-norms-webgpu';

/** Registers every kernel of the engine on the backends it serves (a backend need not be loaded yet). */
export function registerEngineKernels(): void {
  registerCpuBatchMatMul();
  registerCpuBroadcastBinary();
  registerCpuLayoutReduce();
  registerCpuFusedUpdates();
  registerCpuMultiUpdates();
  registerCpuMultiTrust();
  registerCpuSegmentedSquares();
  registerJsBatchNorm();
  registerWasmConvPhases();
  registerWasmModelOps();
  registerWebGpuFusedUpdates();
  registerWebGpuMultiUpdates();
  registerWebGpuMultiTrust();
  registerWebGpuSegmentedSquares();
  registerWebGpuModelOps();
  registerWebGpuQkv();
  registerWebGpuTokens();
  registerWebGpuSquaredNorms();
  registerWebGpuSoftmax();
  registerWebGpuBatchNorm();
}
