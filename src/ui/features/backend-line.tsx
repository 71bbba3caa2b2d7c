import { useSession } from '../store/session-store';

/** Which backend trains, on which adapter, and why a better one was passed over. */
export function BackendLine() {
  const b = useSession((s) => s.backend);
  if (!b) return <p data-testid="backend">Starting the training worker…</p>;
  const adapter = b.adapter ? [b.adapter.vendor, b.adapter.architecture, b.adapter.description].filter(Boolean).join(' ') : '';
  return (
    <p data-testid="backend" data-backend={b.name}>
      Training on <strong>{b.name}</strong>
      {adapter && ` (${adapter})`}
      {b.fallbackReason && <span className="note"> · fell back because {b.fallbackReason}</span>}
      {b.probe && b.name === 'webgpu' && b.probe.cpuMs !== null && (
        <span className="note">
          {' '}
          · the adapter is a software renderer, but a probe step was faster here ({b.probe.webgpuMs.toFixed(0)} ms) than on the CPU backend ({b.probe.cpuMs.toFixed(0)} ms)
        </span>
      )}
    </p>
  );
}
