/**
 * The status line's "Preparing GPU kernels for 4 methods (12 s)…" while WebGPU compiles every
 * method's shaders before a run's first step (worker/precompile-run.ts). The worker sends
 * nothing else for those seconds (12-25 s on a software adapter), so without this a first run
 * looks frozen; the page counts the seconds itself. Nothing shows on webgl, wasm or cpu: the
 * worker sends no 'preparing-kernels' there.
 */
import { useEffect, useState } from 'react';
import type { PreparingKernelsInfo } from '../store/session-slice';
import { useStore } from '../store/store';

/** What is being compiled: "Preparing GPU kernels for 4 methods" (one method: no count). */
export function preparingKernelsText(methods: number): string {
  return `Preparing GPU kernels${methods > 1 ? ` for ${methods} methods` : ''}`;
}

/** Whole seconds since `since` (Date.now() time), never negative. */
export function elapsedSeconds(since: number, now: number): number {
  return Math.max(0, Math.floor((now - since) / 1000));
}

/** Date.now(), refreshed once a second while `ticking` (one timer, only while it is needed). */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

/** A fragment of the status line (an aria-live region): empty unless kernels are compiling. */
export function PreparingKernels() {
  const preparing = useStore((s) => s.preparing);
  const now = useNow(preparing !== null);
  return <PreparingKernelsView preparing={preparing} now={now} />;
}

/** The fragment itself, from props (tests render it server-side, where zustand serves its initial state). */
export function PreparingKernelsView({
  preparing,
  now,
}: {
  preparing: PreparingKernelsInfo | null;
  now: number;
}) {
  if (!preparing) return null;
  return (
    <span data-testid="preparing-kernels">
      {' · '}
      {preparingKernelsText(preparing.methods)}
      {/* The ticking seconds are hidden from screen readers: the live region would read them out every second. */}
      <span aria-hidden="true"> ({elapsedSeconds(preparing.since, now)} s)</span>…
    </span>
  );
}
