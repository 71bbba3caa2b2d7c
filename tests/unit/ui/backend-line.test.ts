/** The backend line: plain words first, the technical reasons on demand, no adapter beside a CPU backend. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { BackendInfo } from '../../../src/protocol/messages';
import {
  BackendText,
  backendDetails,
  backendHeadline,
} from '../../../src/ui/features/backend-line';

// What the worker sends on a machine with no GPU: WebGPU absent, WebGL on SwiftShader lost the probe.
const noGpu: BackendInfo = {
  name: 'wasm',
  adapter: {
    description: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)',
  },
  fallbackReason:
    'webgpu: the browser offers no WebGPU adapter (WebGPU disabled, GPU blocklisted, or no GPU); webgl: the WebGL renderer is a software renderer (no GPU acceleration); a probe step took 900 ms there against 120 ms on the wasm backend, so wasm trains (?backend=webgl forces WebGL)',
  probe: { gpu: 'webgl', gpuMs: 900, cpuSide: 'wasm', cpuMs: 120 },
  wasm: { threads: 1, crossOriginIsolated: false },
};

describe('backend line', () => {
  it('says where it trains and why in plain words', () => {
    expect(backendHeadline(noGpu)).toBe(
      'Training on your CPU (WebAssembly), because the only GPU here is a software one, slower than your CPU',
    );
    expect(
      backendHeadline({ name: 'wasm', fallbackReason: 'webgpu: no adapter; webgl: no context' }),
    ).toBe('Training on your CPU (WebAssembly), because no usable GPU was found');
    expect(backendHeadline({ name: 'webgpu', adapter: { vendor: 'nvidia' } })).toBe(
      'Training on your GPU (WebGPU)',
    );
    expect(backendHeadline({ name: 'webgl', fallbackReason: 'webgpu: no adapter' })).toBe(
      'Training on your GPU (WebGL), because WebGPU is not available here',
    );
    expect(backendHeadline({ name: 'cpu', forced: 'cpu' })).toBe(
      'Training on your CPU (plain JavaScript, slower than WebAssembly), because the link asks for it (?backend=cpu)',
    );
    expect(
      backendHeadline({
        name: 'webgpu',
        probe: { gpu: 'webgpu', gpuMs: 50, cpuSide: 'wasm', cpuMs: 80 },
      }),
    ).toMatch(
      /^Training on a software GPU \(WebGPU without graphics hardware\), because it was faster here/,
    );
  });

  it('the technical reasons are one line each, and a software GPU is never named beside the CPU backend', () => {
    const d = backendDetails(noGpu);
    expect(d[0]).toMatch(/^Passed over webgpu: the browser offers no WebGPU adapter/);
    expect(d[1]).toMatch(/^Passed over webgl: the WebGL renderer is a software renderer/);
    expect(d.join('\n')).not.toMatch(/SwiftShader/);
    expect(d).toContain('Probe step: 900 ms on webgl (software), 120 ms on wasm.');
    expect(
      backendDetails({ name: 'webgpu', adapter: { vendor: 'google', description: 'SwiftShader' } }),
    ).toEqual(['Graphics adapter: google SwiftShader']);
  });

  it('renders the sentence first and the details folded', () => {
    const html = renderToStaticMarkup(createElement(BackendText, { b: noGpu }));
    expect(html).toMatch(
      /^<div data-testid="backend" data-backend="wasm" class="backend-line"><p>Training on your CPU \(WebAssembly\), because [^<]*\.<\/p><details><summary>Technical details<\/summary><ul><li>Passed over webgpu/,
    );
    expect(html).not.toMatch(/wasm \(|SwiftShader/);
  });
});
