/**
 * A value selected from the session store, refreshed at most once per `ms` and as a React
 * transition. Why: the worker batches metrics to ~10 messages a second, and re-rendering the
 * charts at that rate starved the main thread on slow machines. Subscribing outside React
 * means store updates between ticks cause no render at all; the transition lets React yield
 * between chart components instead of running one long task.
 */
import { startTransition, useEffect, useState } from 'react';
import type { SessionSlice } from '../../store/session-slice';
import { useStore } from '../../store/store';

export function useThrottledSession<T>(select: (s: SessionSlice) => T, ms: number): T {
  const [value, setValue] = useState(() => select(useStore.getState()));
  useEffect(() => {
    let dirty = true; // the first tick picks up anything that changed before subscribing
    const off = useStore.subscribe(() => {
      dirty = true;
    });
    const t = setInterval(() => {
      if (!dirty) return;
      dirty = false;
      const next = select(useStore.getState());
      startTransition(() => setValue(next));
    }, ms);
    return () => {
      off();
      clearInterval(t);
    };
    // `select` is expected to be stable (module-level); `ms` likewise.
  }, [select, ms]);
  return value;
}
