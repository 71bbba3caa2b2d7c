/**
 * Charts that do not redraw while nobody can see them. During a pool run the page shares the
 * CPU with the training workers (one per core), and redrawing nine recharts charts once a
 * second was the main thread's largest cost: about a third of a core on this 2-core machine
 * (a CPU profile of the default lesson; docs/performance.md). A chart off screen, or folded in a
 * closed <details>, keeps the data it last drew and takes the newest as soon as it comes within
 * a quarter screen of the viewport (IntersectionObserver's `rootMargin`): what a student scrolls
 * to is current as it comes on screen.
 *
 * Where IntersectionObserver does not exist (tests without a layout engine) every chart counts
 * as on screen, as before.
 */
import { memo, useEffect, useRef, useState, type ComponentType, type RefObject } from 'react';
import { useStaggered } from './use-staggered';
import { useInPremount } from './premount';

/** Whether `ref`'s element is within a quarter screen of the viewport (true until first told otherwise). */
export function useNearScreen(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(true);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(
      (entries) => setNear(entries.some((e) => e.isIntersecting)),
      { rootMargin: '25% 0px' },
    );
    io.observe(el);
    return () => io.disconnect();
  }, [ref]);
  return near;
}

/**
 * `Chart` (a memoised component) wrapped in a grid slot that hands it new props only while the
 * slot is near the screen, each in a frame turn of its own; off screen it keeps the props it last
 * drew, so memo skips the render.
 */
export function redrawNearScreen<P extends object>(Chart: ComponentType<P>): ComponentType<P> {
  function NearScreen(props: P) {
    const ref = useRef<HTMLDivElement>(null);
    // Mounted ahead, off screen (premount.tsx): drawn as if near, so it is current when shown.
    const onScreen = useNearScreen(ref);
    const ahead = useInPremount();
    const near = onScreen || ahead;
    // New props are drawn in a turn of their own (use-staggered.ts), and none while off screen:
    // scrolled into view, the charts that come near catch up one per frame, not all in the
    // IntersectionObserver's one task (accuracy and loss together: 117 ms of main thread).
    const [shown] = useStaggered(props, 1, props, !near);
    return (
      <div ref={ref} className="chart-slot">
        <Chart {...(shown ?? props)} />
      </div>
    );
  }
  NearScreen.displayName = `NearScreen(${Chart.displayName ?? Chart.name})`;
  return memo(NearScreen);
}
