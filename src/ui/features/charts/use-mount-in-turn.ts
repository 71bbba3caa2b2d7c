/**
 * How many of `count` charts may be mounted yet: one more per animation frame, all of them at
 * once when `inTurn` is false or there are no animation frames (server rendering, Node tests). Why: a recharts chart's first mount (its
 * store, selectors and layout effects: 30-160 ms of main thread on the shared 2-core machine) is
 * one task that cannot yield, and the charts panel appears as the Run starts the pool, so all of
 * them mounting in one render blocked the main thread for 0.8-1.4 s (a trace of the default
 * lesson, docs/performance.md, issue #25 item 4). Mounted one per frame, each is its own task.
 */
import { useEffect, useState } from 'react';

export function useMountInTurn(count: number, inTurn: boolean): number {
  const [mounted, setMounted] = useState(
    inTurn && typeof requestAnimationFrame === 'function' ? 0 : count,
  );
  useEffect(() => {
    if (mounted >= count) return;
    const frame = requestAnimationFrame(() => setMounted((m) => m + 1));
    return () => cancelAnimationFrame(frame);
  }, [mounted, count]);
  return mounted;
}
