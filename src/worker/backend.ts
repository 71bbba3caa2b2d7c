/**
 * Choosing the tfjs backend in the worker: WebGPU, then WebGL, then wasm (tfjs-backend-wasm,
 * XNNPACK), then tfjs's pure-JS CPU backend, with the reason for every fallback, and the WebGPU
 * adapter described. `forced` (from ?backend=) is tried first.
 * A software GPU (a SwiftShader or llvmpipe WebGPU adapter, or WebGL on SwiftShader) is not
 * taken on trust: a short probe times a small training step on it and on the best CPU-side
 * backend (wasm, else cpu), and the faster one trains, with the measured reason shown on the
 * page (backend-probe.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs'; // registers the webgl and cpu backends
import '@tensorflow/tfjs-backend-webgpu'; // registers the webgpu backend
import { wasmPathsReady, wasmThreads } from './wasm-backend'; // registers the wasm backend, its binaries served by the app
import {
  BACKEND_ORDER,
  type AdapterInfo,
  type BackendInfo,
  type BackendName,
} from '../protocol/messages';
import { isSoftwareAdapter, isSoftwareRenderer, probeStepMs } from './backend-probe';
import { registerEngineKernels } from '../core/register-kernels';

/** The slice of WebGPU's API we touch (no @webgpu/types dependency for four fields). */
interface GpuAdapterLike {
  info?: AdapterInfo & { isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
  requestAdapterInfo?: () => Promise<AdapterInfo>;
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}
export interface GpuDeviceLike {
  lost: Promise<{ reason?: string; message?: string }>;
  destroy(): void;
}

type Probe = NonNullable<BackendInfo['probe']>;

export async function selectBackend(
  forced?: BackendName,
  exclude: readonly BackendName[] = [],
): Promise<BackendInfo> {
  registerEngineKernels(); // the engine's kernels for every backend, before any of them runs (the probe trains)
  const order = (
    forced ? [forced, ...BACKEND_ORDER.filter((b) => b !== forced)] : [...BACKEND_ORDER]
  ).filter((b) => !exclude.includes(b));
  const reasons: string[] = [];
  for (const name of order) {
    const r = await tryBackend(name);
    if (!r.ok) {
      reasons.push(`${name}: ${r.why}`);
      continue;
    }
    const info: BackendInfo = { name };
    if (r.adapter) info.adapter = r.adapter;
    if (r.software && !forced && (name === 'webgpu' || name === 'webgl')) {
      const choice = await softwareChoice(name, exclude);
      info.probe = choice.probe;
      if (choice.name !== name) {
        reasons.push(choice.why);
        info.name = choice.name;
      }
    }
    if (reasons.length) info.fallbackReason = reasons.join('; ');
    if (forced) info.forced = forced;
    if (info.name === 'wasm') info.wasm = wasmThreads();
    return info;
  }
  throw new Error(`No tfjs backend could start (${reasons.join('; ')})`);
}

/**
 * The GPU backend `gpu` is up on a software renderer: time the probe step there and on the best
 * CPU-side backend, and keep the faster (left active). The probe costs a few seconds once, at
 * start-up.
 */
async function softwareChoice(
  gpu: 'webgpu' | 'webgl',
  exclude: readonly BackendName[],
): Promise<{ name: BackendName; why: string; probe: Probe }> {
  const gpuMs = await probeStepMs();
  for (const cpuSide of ['wasm', 'cpu'] as const) {
    if (exclude.includes(cpuSide) || !(await tryBackend(cpuSide)).ok) continue;
    const cpuMs = await probeStepMs();
    const probe: Probe = { gpu, gpuMs, cpuSide, cpuMs };
    if (cpuMs < gpuMs) {
      const why = `${gpu}: the ${gpu === 'webgpu' ? 'adapter' : 'WebGL renderer'} is a software renderer (no GPU acceleration); a probe step took ${gpuMs.toFixed(0)} ms there against ${cpuMs.toFixed(0)} ms on the ${cpuSide} backend, so ${cpuSide} trains (?backend=${gpu} forces ${gpu === 'webgpu' ? 'WebGPU' : 'WebGL'})`;
      return { name: cpuSide, probe, why };
    }
    break;
  }
  await tf.setBackend(gpu);
  await tf.ready();
  return { name: gpu, why: '', probe: { gpu, gpuMs, cpuSide: 'wasm', cpuMs: null } };
}

async function tryBackend(
  name: BackendName,
): Promise<{ ok: true; adapter?: AdapterInfo; software?: boolean } | { ok: false; why: string }> {
  try {
    if (name === 'webgpu') {
      const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
      if (!gpu) return { ok: false, why: 'this browser has no WebGPU (navigator.gpu is missing)' };
      const adapter = await gpu.requestAdapter();
      if (!adapter)
        return {
          ok: false,
          why: 'the browser offers no WebGPU adapter (WebGPU disabled, GPU blocklisted, or no GPU)',
        };
      if (!(await tf.setBackend('webgpu')))
        return { ok: false, why: 'tfjs could not create a WebGPU device' };
      await tf.ready();
      const described = await describe(adapter);
      return {
        ok: true,
        adapter: described,
        software: isSoftwareAdapter(adapter, described as Record<string, string | undefined>),
      };
    }
    if (name === 'wasm') await wasmPathsReady;
    if (!(await tf.setBackend(name))) return { ok: false, why: WHY_NOT[name] };
    await tf.ready();
    if (name === 'webgl') {
      const renderer = webglRenderer();
      return {
        ok: true,
        ...(renderer ? { adapter: { description: renderer } } : {}),
        software: renderer !== null && isSoftwareRenderer(renderer),
      };
    }
    return { ok: true };
  } catch (e) {
    return { ok: false, why: (e as Error).message || String(e) };
  }
}

const WHY_NOT: Record<BackendName, string> = {
  webgpu: 'tfjs could not create a WebGPU device',
  webgl: 'no WebGL2 context is available in this worker',
  wasm: 'WebAssembly could not start (a Content-Security-Policy without wasm-unsafe-eval, or no WebAssembly)',
  cpu: 'tfjs could not start it',
};

/** The WebGL renderer's unmasked name (e.g. "ANGLE (Google, Vulkan (SwiftShader Device...))"), if the browser tells. */
function webglRenderer(): string | null {
  const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } }).gpgpu?.gl;
  if (!gl) return null;
  const ext = gl.getExtension('WEBGL_debug_renderer_info');
  const name: unknown = ext
    ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)
    : gl.getParameter(gl.RENDERER);
  return typeof name === 'string' && name ? name : null;
}

async function describe(adapter: GpuAdapterLike): Promise<AdapterInfo> {
  const raw =
    adapter.info ?? (adapter.requestAdapterInfo ? await adapter.requestAdapterInfo() : {});
  const pick = (k: keyof AdapterInfo): string | undefined =>
    typeof raw[k] === 'string' && raw[k] ? raw[k] : undefined;
  const out: AdapterInfo = {};
  for (const k of ['vendor', 'architecture', 'device', 'description'] as const) {
    const v = pick(k);
    if (v) out[k] = v;
  }
  return out;
}

/** The GPUDevice tfjs's WebGPU backend runs on (for device.lost and the test hook). */
export function webgpuDevice(): GpuDeviceLike | null {
  if (tf.getBackend() !== 'webgpu') return null;
  const b = tf.backend() as unknown as { device?: GpuDeviceLike };
  return b.device ?? null;
}
