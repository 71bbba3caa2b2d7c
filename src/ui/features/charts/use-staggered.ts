/**
 * One value handed to `count` charts one animation frame apart: when `value` changes, the
 * charts that show an older one get it one per frame, round robin. Each recharts chart then
 * renders and commits in its own task, so a refresh of the store never blocks the main thread
 * for all the charts at once (a transition yields while rendering, but its commit and recharts'
 * layout-effect re-renders run in one go). Round robin from where the last pass stopped: if a
 * pass takes longer than the refresh, the last charts still get their turn.
 *
 * Before their first frame the charts hold `initial` (e.g. no data: a cheap placeholder), so
 * mounting is staggered too. Server rendering runs no effects: pass `initial = value` there.
 */
import { useEffect, useRef, useState } from 'react';

export function useStaggered<T>(value: T, count: number, initial: T): readonly T[] {
  const [snaps, setSnaps] = useState<readonly T[]>(() =>
    Array.from({ length: count }, (_, i) => (i === 0 ? value : initial)),
  );
  const shown = useRef(snaps); // what was last handed out (read in frame callbacks)
  const cursor = useRef(0);
  useEffect(() => {
    let frame = 0;
    const next = (): void => {
      const cur = shown.current;
      let k = -1;
      for (let n = 0; n < cur.length && k < 0; n++) {
        const j = (cursor.current + n) % cur.length;
        if (cur[j] !== value) k = j;
      }
      if (k < 0) return;
      const updated = cur.map((v, j) => (j === k ? value : v));
      shown.current = updated;
      cursor.current = (k + 1) % cur.length;
      setSnaps(updated);
      frame = requestAnimationFrame(next);
    };
    frame = requestAnimationFrame(next);
    return () => cancelAnimationFrame(frame);
  }, [value]);
  return snaps;
}
