/**
 * Dispatching our own WGSL on tfjs's WebGPU backend with any number of written buffers: what a
 * tfjs program cannot do (its one `result` is the only writable binding, its inputs are bound
 * read-only). Used where one dispatch must write several tensors: the optimizer updates writing
 * parameters and state in place (multi-update-webgpu-in-place.ts), the attention's q/k/v split
 * (qkv-webgpu.ts), LayerNorm's output with its row statistics.
 *
 * Why the backend's internals: runWebGPUProgram builds the shader's bindings itself. Here the
 * shader is ours (explicit bindings, read or read_write), and it is recorded exactly as the
 * backend records its own programs: in its current compute pass, its command encoder, its
 * batched submits, with every bound tensor marked as owned by the queue (a tensor disposed
 * meanwhile keeps its buffer until the submit). Pipelines live in the backend's own cache, so
 * the shader precompile (train/precompile.ts: WEBGPU_ENGINE_COMPILE_ONLY) compiles them ahead
 * and records nothing. `webGpuInternals` returns null where the backend lacks any of these
 * members (another tfjs version): callers then take their tfjs-program path.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Uniform } from '../backend-view';

/** Invocations per workgroup of these programs. */
export const WORKGROUP = 64;

interface PassEncoder {
  setPipeline(p: unknown): void;
  setBindGroup(i: number, g: unknown): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
}

interface Device {
  limits: { maxStorageBuffersPerShaderStage: number; maxComputeWorkgroupsPerDimension: number };
  createShaderModule(d: { code: string }): unknown;
  createComputePipeline(d: object): { getBindGroupLayout(i: number): unknown };
  createComputePipelineAsync(d: object): Promise<unknown>;
  createBindGroup(d: object): unknown;
}

interface TensorData {
  resource: unknown;
  values: unknown;
}

/** The members of tfjs-backend-webgpu's WebGPUBackend (4.x) this file uses. */
export interface WebGpuInternals {
  device: Device;
  tensorMap: { get(id: tf.DataId): TensorData | undefined };
  pipelineCache: Record<string, unknown>;
  commandQueueOwnedIds: { add(id: tf.DataId): void };
  commandEncoder: { beginComputePass(d: object): PassEncoder } | null;
  computePassEncoder: PassEncoder | null;
  dispatchCountInPass: number;
  uploadToGPU(id: tf.DataId): void;
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: Int32Array): tf.TensorInfo;
  disposeData(id: tf.DataId): boolean;
  makeUniforms(u: Uniform[]): object;
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
  refCount(id: tf.DataId): number;
  incRef(id: tf.DataId): void;
  tensorToBinding(t: tf.TensorInfo): object;
}

const METHODS = [
  'uploadToGPU',
  'makeTensorInfo',
  'makeUniforms',
  'ensureCommandEncoderReady',
  'endComputePassEncoder',
  'submitQueue',
  'refCount',
  'incRef',
  'tensorToBinding',
  'disposeData',
] as const;

/** The backend's internals, or null where some member is missing. */
export function webGpuInternals(backend: unknown): WebGpuInternals | null {
  const b = backend as Record<string, unknown>;
  const ok =
    METHODS.every((m) => typeof b[m] === 'function') &&
    typeof b.device === 'object' &&
    typeof b.tensorMap === 'object' &&
    typeof b.pipelineCache === 'object' &&
    typeof b.commandQueueOwnedIds === 'object';
  return ok ? (backend as WebGpuInternals) : null;
}

/** Storage buffers one shader stage may bind on this device (8 unless tfjs asked for more). */
export const storageBindings = (gpu: WebGpuInternals): number =>
  gpu.device.limits.maxStorageBuffersPerShaderStage;

/** Whether the backend is compiling ahead only (train/precompile.ts): nothing may be written. */
export const compileOnly = (): boolean => tf.env().getBool('WEBGPU_ENGINE_COMPILE_ONLY');

/** One bound tensor: its WGSL name, whether the shader writes it, and its element type (f32 unless told). */
export interface Binding {
  name: string;
  tensor: tf.TensorInfo;
  write: boolean;
  type?: 'i32';
}

export interface Dispatch {
  /** Cache key of the shader (with everything that changes its text). */
  key: string;
  bindings: Binding[];
  /** WGSL fields of the uniform struct, scalars only (`n : i32, lr : f32,`), in `uniforms`' order. */
  uniformFields: string;
  uniforms: Uniform[];
  /**
   * Invocations wanted: `body` runs for each `index` in [0, count), grid-strided; with
   * `perWorkgroup`, once per workgroup item `wg` in [0, count) instead.
   */
  count: number;
  /**
   * WGSL run per index (an i32 `index`; `return` skips to the next); with `perWorkgroup`, by
   * the 64 invocations of a workgroup together for item `wg` (`lid` its local id, 0..63; may
   * use workgroupBarrier and `var<workgroup>` arrays declared in `helpers`).
   */
  body: string;
  perWorkgroup?: boolean;
  /** Helper WGSL functions placed before the entry point. */
  helpers?: string;
}

function shaderOf(d: Dispatch): string {
  const storage = d.bindings
    .map(
      (b, i) =>
        `@group(0) @binding(${i}) var<storage, ${b.write ? 'read_write' : 'read'}> ${b.name} : array<${b.type ?? 'f32'}>;`,
    )
    .join('\n');
  return `
struct Uniforms { stride : i32, count : i32, ${d.uniformFields} };
${storage}
@group(0) @binding(${d.bindings.length}) var<uniform> uniforms : Uniforms;
${d.helpers ?? ''}
${d.perWorkgroup ? perWorkgroupMain(d.body) : perIndexMain(d.body)}`;
}

const perIndexMain = (body: string): string => `
fn body(index : i32) {
  ${body}
}
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(global_invocation_id) gid : vec3<u32>) {
  for (var index = i32(gid.x); index < uniforms.count; index = index + uniforms.stride) {
    body(index);
  }
}`;

const perWorkgroupMain = (body: string): string => `
@compute @workgroup_size(${WORKGROUP})
fn main(@builtin(workgroup_id) wid : vec3<u32>, @builtin(local_invocation_id) lidv : vec3<u32>) {
  let lid = i32(lidv.x);
  for (var wg = i32(wid.x); wg < uniforms.count; wg = wg + uniforms.stride) {
    ${body}
  }
}`;

/** The pipeline of `d`, compiled once per backend (async under the compile-only flag). */
function pipelineOf(gpu: WebGpuInternals, d: Dispatch): unknown {
  const key = `ftp_dispatch_${d.key}`;
  if (!(key in gpu.pipelineCache)) {
    const module = gpu.device.createShaderModule({ code: shaderOf(d) });
    const desc = { layout: 'auto', compute: { module, entryPoint: 'main' } };
    gpu.pipelineCache[key] = compileOnly()
      ? gpu.device.createComputePipelineAsync(desc)
      : gpu.device.createComputePipeline(desc);
  }
  return gpu.pipelineCache[key];
}

/**
 * Records `d` on the backend (compiles only, under the compile-only flag). Every written tensor
 * loses its host copy (a readback's cache would be stale once the GPU writes its buffer).
 */
export function dispatch(gpu: WebGpuInternals, d: Dispatch): void {
  for (const b of d.bindings) gpu.uploadToGPU(b.tensor.dataId);
  const pipeline = pipelineOf(gpu, d);
  if (compileOnly()) return;
  if (pipeline instanceof Promise) throw new Error(`shader ${d.key} is still compiling`);
  const wanted = d.perWorkgroup ? d.count : Math.ceil(d.count / WORKGROUP);
  const workgroups = Math.max(
    1,
    Math.min(wanted, gpu.device.limits.maxComputeWorkgroupsPerDimension),
  );
  const uniforms = gpu.makeUniforms([
    { type: 'int32', data: [d.perWorkgroup ? workgroups : workgroups * WORKGROUP] },
    { type: 'int32', data: [d.count] },
    ...d.uniforms,
  ]);
  const layout = (pipeline as { getBindGroupLayout(i: number): unknown }).getBindGroupLayout(0);
  const entries = [
    ...d.bindings.map((b, i) => ({ binding: i, resource: gpu.tensorToBinding(b.tensor) })),
    { binding: d.bindings.length, resource: uniforms },
  ];
  const bindGroup = gpu.device.createBindGroup({ layout, entries });
  for (const b of d.bindings) {
    gpu.commandQueueOwnedIds.add(b.tensor.dataId);
    if (b.write) (gpu.tensorMap.get(b.tensor.dataId) as TensorData).values = null;
  }
  gpu.ensureCommandEncoderReady();
  // A pass of our own while the backend times programs (tf.profile): its passes are timestamped.
  if (!gpu.computePassEncoder)
    gpu.computePassEncoder = (
      gpu.commandEncoder as { beginComputePass(d: object): PassEncoder }
    ).beginComputePass({});
  gpu.computePassEncoder.setPipeline(pipeline);
  gpu.computePassEncoder.setBindGroup(0, bindGroup);
  gpu.computePassEncoder.dispatchWorkgroups(workgroups, 1, 1);
  gpu.dispatchCountInPass++;
  if (tf.env().getNumber('WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE') <= gpu.dispatchCountInPass) {
    gpu.endComputePassEncoder();
    gpu.submitQueue();
  }
}

/** A new float32 tensor of `shape` on the GPU, for a dispatch to write (every element). */
export function newOutput(gpu: WebGpuInternals, shape: number[]): tf.TensorInfo {
  const t = gpu.makeTensorInfo(shape, 'float32');
  gpu.uploadToGPU(t.dataId);
  return t;
}

/** Workgroup arrays pa and pb (helpers) and their tree sums into element 0 (webgpu-program.ts treeSum's order). */
export const PAIR_PARTIALS = `var<workgroup> pa : array<f32, ${WORKGROUP}>;\nvar<workgroup> pb : array<f32, ${WORKGROUP}>;`;
export const PAIR_TREE_SUMS = `
    workgroupBarrier();
    for (var s = ${WORKGROUP / 2}; s > 0; s = s >> 1u) {
      if (lid < s) {
        pa[lid] = pa[lid] + pa[lid + s];
        pb[lid] = pb[lid] + pb[lid + s];
      }
      workgroupBarrier();
    }`;
