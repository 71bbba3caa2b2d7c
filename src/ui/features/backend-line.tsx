/**
 * Which backend trains, in plain words first ("Training on your CPU (WebAssembly), because no
 * usable GPU was found"), and the technical reasons on demand (a <details>): the worker's
 * reason for each backend it passed over, the graphics adapter (only when a GPU backend
 * trains: a software GPU's name beside "wasm" read as if wasm ran on it), the probe timings and
 * WebAssembly's threads.
 */
import type { BackendInfo } from '../../protocol/messages';
import { useStore } from '../store/store';

const WHERE: Record<BackendInfo['name'], string> = {
  webgpu: 'your GPU (WebGPU)',
  webgl: 'your GPU (WebGL)',
  wasm: 'your CPU (WebAssembly)',
  cpu: 'your CPU (plain JavaScript, slower than WebAssembly)',
};

const isGpu = (name: BackendInfo['name']): boolean => name === 'webgpu' || name === 'webgl';

/** The one plain sentence: where it trains and, when not on the first choice, why. */
export function backendHeadline(b: BackendInfo): string {
  const probe = b.probe;
  if (probe && b.name === probe.gpu)
    return `Training on a software GPU (${probe.gpu === 'webgpu' ? 'WebGPU' : 'WebGL'} without graphics hardware), because it was faster here than your CPU`;
  const where = `Training on ${WHERE[b.name]}`;
  if (b.forced === b.name) return `${where}, because the link asks for it (?backend=${b.name})`;
  if (!b.fallbackReason) return where;
  if (probe && b.name === probe.cpuSide)
    return `${where}, because the only GPU here is a software one, slower than your CPU`;
  if (b.name === 'webgl') return `${where}, because WebGPU is not available here`;
  return `${where}, because no usable GPU was found`;
}

/** The technical lines behind the headline, one fact each. */
export function backendDetails(b: BackendInfo): string[] {
  const lines = (b.fallbackReason ?? '')
    .split('; ')
    .filter(Boolean)
    .map((r) => `Passed over ${r}`);
  if (b.forced && b.forced !== b.name)
    lines.push(`The link asked for ${b.forced}, which could not start.`);
  const adapter = b.adapter
    ? [b.adapter.vendor, b.adapter.architecture, b.adapter.description].filter(Boolean).join(' ')
    : '';
  if (adapter && isGpu(b.name)) lines.push(`Graphics adapter: ${adapter}`);
  if (b.probe && b.probe.cpuMs !== null)
    lines.push(
      `Probe step: ${b.probe.gpuMs.toFixed(0)} ms on ${b.probe.gpu} (software), ${b.probe.cpuMs.toFixed(0)} ms on ${b.probe.cpuSide}.`,
    );
  if (b.wasm)
    lines.push(
      `WebAssembly threads: ${b.wasm.threads}${b.wasm.crossOriginIsolated ? '' : ' (the page is not cross-origin isolated, so one thread)'}.`,
    );
  return lines;
}

export function BackendLine() {
  const b = useStore((s) => s.backend);
  if (!b) return <p data-testid="backend">Starting the training worker…</p>;
  return <BackendText b={b} />;
}

export function BackendText({ b }: { b: BackendInfo }) {
  const details = backendDetails(b);
  return (
    <div data-testid="backend" data-backend={b.name} className="backend-line">
      <p>{backendHeadline(b)}.</p>
      {details.length > 0 && (
        <details>
          <summary>Technical details</summary>
          <ul>
            {details.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
