/**
 * Which of a panel's figures may be mounted yet: one more per animation frame, the first present
 * one not yet mounted in the panel's order, so a figure that appears late (the recorded
 * experiment's chart, once its file has loaded) takes the next frame of its own instead of
 * mounting in the same render as another. All at once when `inTurn` is false or there are no
 * animation frames (server rendering, Node tests). Why: a recharts chart's first mount (its
 * store, selectors and layout effects: 35-160 ms of main thread on the shared 2-core machine) is
 * one task that cannot yield, and the charts panel appears as the Run starts the pool, so all of
 * them mounting in one render blocked the main thread for 0.8-1.4 s (a trace of the default
 * lesson, docs/performance.md, issue #25 item 4). Mounted one per frame, each is its own task.
 */
import { useEffect, useState } from 'react';

/** `present[k]`: figure k has something to show; the result's [k]: it may mount. */
export function useMountInTurn(present: readonly boolean[], inTurn: boolean): readonly boolean[] {
  const all = !inTurn || typeof requestAnimationFrame !== 'function';
  const [mounted, setMounted] = useState<readonly boolean[]>(() => present.map(() => all));
  const next = all ? -1 : present.findIndex((p, k) => p && !mounted[k]);
  const n = present.length;
  useEffect(() => {
    if (next < 0) return;
    const frame = requestAnimationFrame(() =>
      setMounted((m) => Array.from({ length: n }, (_, k) => k === next || (m[k] ?? false))),
    );
    return () => cancelAnimationFrame(frame);
  }, [next, n]);
  return all ? present.map(() => true) : mounted;
}
