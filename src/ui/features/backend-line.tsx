import { useStore } from '../store/store';

/** Which backend trains, on which adapter, and why a better one was passed over. */
export function BackendLine() {
  const b = useStore((s) => s.backend);
  if (!b) return <p data-testid="backend">Starting the training worker…</p>;
  const adapter = b.adapter ? [b.adapter.vendor, b.adapter.architecture, b.adapter.description].filter(Boolean).join(' ') : '';
  return (
    <p data-testid="backend" data-backend={b.name}>
      Training on <strong>{b.name}</strong>
      {adapter && ` (${adapter})`}
      {b.fallbackReason && <span className="note"> · fell back because {b.fallbackReason}</span>}
      {b.probe && b.name === b.probe.gpu && b.probe.cpuMs !== null && (
        <span className="note">
          {' '}
          · the {b.probe.gpu === 'webgpu' ? 'adapter' : 'WebGL renderer'} is a software renderer, but a probe step was faster here ({b.probe.gpuMs.toFixed(0)} ms) than on the {b.probe.cpuSide} backend ({b.probe.cpuMs.toFixed(0)} ms)
        </span>
      )}
    </p>
  );
}
