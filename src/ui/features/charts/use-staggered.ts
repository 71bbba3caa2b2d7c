/**
 * One value handed to `count` charts one at a time: when `value` changes, the charts that show an
 * older one get it one per turn, round robin. A turn is an animation frame, and the next is not
 * granted before the last one's update has committed (frame-turns.tsx, page-wide: the charts
 * panel, each chart's own catching up when it comes on screen (on-screen.tsx) and the seed dot
 * plots share the queue), so each recharts chart renders and commits in
 * its own task and a refresh of the store never blocks the main thread for several charts at
 * once (a transition yields while rendering, but its commit and recharts' layout-effect
 * re-renders run in one go). Round robin from where the last pass stopped: if a pass takes
 * longer than the refresh, the last charts still get their turn.
 *
 * Before their first turn the charts hold `initial` (e.g. no data: a cheap placeholder), so
 * mounting is staggered too. Server rendering runs no effects: pass `initial = value` there.
 */
import { useEffect, useRef, useState } from 'react';
import { takeTurn, useFrameTurns, type Release } from './frame-turns';

/** The first index from `from` on (round robin) whose snapshot is not `value`; -1 if none. */
function stale<T>(snaps: readonly T[], value: T, from: number): number {
  for (let n = 0; n < snaps.length; n++) {
    const j = (from + n) % snaps.length;
    if (snaps[j] !== value) return j;
  }
  return -1;
}

/** `hold`: take no new value for now (a chart off screen keeps what it drew: on-screen.tsx). */
export function useStaggered<T>(value: T, count: number, initial: T, hold = false): readonly T[] {
  const [snaps, setSnaps] = useState<readonly T[]>(() =>
    Array.from({ length: count }, () => initial),
  );
  const cursor = useRef(0);
  const turns = useFrameTurns();
  // The turn this component holds, released once its update has committed (or it unmounts).
  const holding = useRef<Release | null>(null);
  useEffect(() => {
    holding.current?.();
    holding.current = null;
  }, [snaps]);
  useEffect(() => () => holding.current?.(), []);
  useEffect(() => {
    const k = hold ? -1 : stale(snaps, value, cursor.current);
    if (k < 0) return;
    return takeTurn(turns, (release) => {
      holding.current = release;
      cursor.current = (k + 1) % snaps.length;
      setSnaps((cur) => cur.map((v, j) => (j === k ? value : v)));
    });
  }, [value, snaps, turns, hold]);
  return snaps;
}
