/**
 * tfjs-core alone registers no gradient functions; the @tensorflow/tfjs package does, in both
 * its Node (CommonJS) and browser (ESM) builds. tfjs-core's own deep import of them is ESM that
 * Node cannot load, so the engine imports the package for that side effect. Imported by every
 * core module that differentiates (models/ops.ts, train/step.ts); registration is idempotent.
 *
 * The same import registers tfjs-backend-cpu's kernels; the engine's faster CPU matmul,
 * arithmetic, permutes, reductions and softmax are registered over them here, after them, so that they win
 * (cpu-kernels/). The fused optimizer updates (per tensor, and multi-tensor over a flat state) also exist for WebGPU, with LayerNorm, GELU, BatchNorm
 * and the step's squared gradient norms as a few WGSL programs each (gpu-kernels/).
 */
import '@tensorflow/tfjs';
import { registerCpuBatchMatMul } from './cpu-kernels/batch-mat-mul';
import { registerCpuBroadcastBinary } from './cpu-kernels/broadcast-binary';
import { registerCpuLayoutReduce } from './cpu-kernels/layout-reduce';
import { registerCpuFusedUpdates } from './cpu-kernels/fused-update';
import { registerCpuMultiUpdates } from './cpu-kernels/multi-update';
import { registerWebGpuBatchNorm } from './gpu-kernels/batch-norm-webgpu';
import { registerWebGpuFusedUpdates } from './gpu-kernels/fused-update-webgpu';
import { registerWebGpuMultiUpdates } from './gpu-kernels/multi-update-webgpu';
import { registerWebGpuModelOps } from './gpu-kernels/model-ops-webgpu';
import { registerWebGpuSoftmax } from './gpu-kernels/softmax-webgpu';
import { registerWebGpuSquaredNorms } from './gpu-kernels/squared-norms-webgpu';

registerCpuBatchMatMul();
registerCpuBroadcastBinary();
registerCpuLayoutReduce();
registerCpuFusedUpdates();
registerCpuMultiUpdates();
registerWebGpuFusedUpdates();
registerWebGpuMultiUpdates();
registerWebGpuModelOps();
registerWebGpuSquaredNorms();
registerWebGpuSoftmax();
registerWebGpuBatchNorm();
