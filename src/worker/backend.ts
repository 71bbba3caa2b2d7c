/**
 * Choosing the tfjs backend in the worker: WebGPU, then WebGL, then CPU, with the reason for
 * every fallback, and the WebGPU adapter described. `forced` (from ?backend=) is tried first.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs'; // registers the webgl and cpu backends
import '@tensorflow/tfjs-backend-webgpu'; // registers the webgpu backend
import { BACKEND_ORDER, type AdapterInfo, type BackendInfo, type BackendName } from '../protocol/messages';

/** The slice of WebGPU's API we touch (no @webgpu/types dependency for four fields). */
interface GpuAdapterLike {
  info?: AdapterInfo;
  requestAdapterInfo?: () => Promise<AdapterInfo>;
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}
export interface GpuDeviceLike {
  lost: Promise<{ reason?: string; message?: string }>;
  destroy(): void;
}

export async function selectBackend(forced?: BackendName, exclude: readonly BackendName[] = []): Promise<BackendInfo> {
  const order = (forced ? [forced, ...BACKEND_ORDER.filter((b) => b !== forced)] : [...BACKEND_ORDER]).filter((b) => !exclude.includes(b));
  const reasons: string[] = [];
  for (const name of order) {
    const r = await tryBackend(name);
    if (r.ok) {
      const info: BackendInfo = { name };
      if (r.adapter) info.adapter = r.adapter;
      if (reasons.length) info.fallbackReason = reasons.join('; ');
      if (forced) info.forced = forced;
      return info;
    }
    reasons.push(`${name}: ${r.why}`);
  }
  throw new Error(`No tfjs backend could start (${reasons.join('; ')})`);
}

async function tryBackend(name: BackendName): Promise<{ ok: true; adapter?: AdapterInfo } | { ok: false; why: string }> {
  try {
    if (name === 'webgpu') {
      const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
      if (!gpu) return { ok: false, why: 'this browser has no WebGPU (navigator.gpu is missing)' };
      const adapter = await gpu.requestAdapter();
      if (!adapter) return { ok: false, why: 'the browser offers no WebGPU adapter (WebGPU disabled, GPU blocklisted, or no GPU)' };
      if (!(await tf.setBackend('webgpu'))) return { ok: false, why: 'tfjs could not create a WebGPU device' };
      await tf.ready();
      return { ok: true, adapter: await describe(adapter) };
    }
    if (!(await tf.setBackend(name))) {
      return { ok: false, why: name === 'webgl' ? 'no WebGL2 context is available in this worker' : 'tfjs could not start it' };
    }
    await tf.ready();
    return { ok: true };
  } catch (e) {
    return { ok: false, why: (e as Error).message || String(e) };
  }
}

async function describe(adapter: GpuAdapterLike): Promise<AdapterInfo> {
  const raw = adapter.info ?? (adapter.requestAdapterInfo ? await adapter.requestAdapterInfo() : {});
  const pick = (k: keyof AdapterInfo): string | undefined => (typeof raw[k] === 'string' && raw[k] ? raw[k] : undefined);
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
