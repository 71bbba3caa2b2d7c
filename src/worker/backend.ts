/**
 * Choosing the tfjs backend in the worker: WebGPU, then WebGL, then CPU, with the reason for
 * every fallback, and the WebGPU adapter described. `forced` (from ?backend=) is tried first.
 * A software WebGPU adapter (SwiftShader and the like) is not taken on trust: a short probe
 * times a small training step on it and on the CPU backend, and the faster one trains, with
 * the measured reason shown on the page (backend-probe.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs'; // registers the webgl and cpu backends
import '@tensorflow/tfjs-backend-webgpu'; // registers the webgpu backend
import { BACKEND_ORDER, type AdapterInfo, type BackendInfo, type BackendName } from '../protocol/messages';
import { isSoftwareAdapter, probeStepMs } from './backend-probe';

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

export async function selectBackend(forced?: BackendName, exclude: readonly BackendName[] = []): Promise<BackendInfo> {
  const order = (forced ? [forced, ...BACKEND_ORDER.filter((b) => b !== forced)] : [...BACKEND_ORDER]).filter((b) => !exclude.includes(b));
  const reasons: string[] = [];
  for (const name of order) {
    const r = await tryBackend(name);
    if (r.ok) {
      if (r.software && !forced && !exclude.includes('cpu')) {
        const choice = await softwareChoice();
        if (choice.name === 'cpu') {
          reasons.push(choice.why);
          return { name: 'cpu', ...(r.adapter ? { adapter: r.adapter } : {}), fallbackReason: reasons.join('; '), probe: choice.probe };
        }
        const info: BackendInfo = { name, probe: choice.probe };
        if (r.adapter) info.adapter = r.adapter;
        if (reasons.length) info.fallbackReason = reasons.join('; ');
        return info;
      }
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

/**
 * WebGPU is up on a software adapter: time the probe step there and on the CPU backend and keep
 * the faster (left active). The probe costs a few seconds once, at start-up.
 */
async function softwareChoice(): Promise<{ name: BackendName; why: string; probe: NonNullable<BackendInfo['probe']> }> {
  const webgpuMs = await probeStepMs();
  if (!(await tf.setBackend('cpu'))) {
    await tf.setBackend('webgpu');
    return { name: 'webgpu', why: '', probe: { webgpuMs, cpuMs: null } };
  }
  await tf.ready();
  const cpuMs = await probeStepMs();
  const probe = { webgpuMs, cpuMs };
  if (cpuMs < webgpuMs) {
    return { name: 'cpu', probe, why: `webgpu: the adapter is a software renderer (no GPU acceleration); a probe step took ${webgpuMs.toFixed(0)} ms there against ${cpuMs.toFixed(0)} ms on the CPU backend, so the CPU backend trains (?backend=webgpu forces WebGPU)` };
  }
  await tf.setBackend('webgpu');
  await tf.ready();
  return { name: 'webgpu', why: '', probe };
}

async function tryBackend(name: BackendName): Promise<{ ok: true; adapter?: AdapterInfo; software?: boolean } | { ok: false; why: string }> {
  try {
    if (name === 'webgpu') {
      const gpu = (navigator as unknown as { gpu?: GpuLike }).gpu;
      if (!gpu) return { ok: false, why: 'this browser has no WebGPU (navigator.gpu is missing)' };
      const adapter = await gpu.requestAdapter();
      if (!adapter) return { ok: false, why: 'the browser offers no WebGPU adapter (WebGPU disabled, GPU blocklisted, or no GPU)' };
      if (!(await tf.setBackend('webgpu'))) return { ok: false, why: 'tfjs could not create a WebGPU device' };
      await tf.ready();
      const described = await describe(adapter);
      return { ok: true, adapter: described, software: isSoftwareAdapter(adapter, described as Record<string, string | undefined>) };
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
