/**
 * Figures mounted before they are shown: hidden (laid out in a box of no height, invisible,
 * inert, out of the accessibility tree) once the page is first idle, and shown in place, the same elements, when
 * `shown` turns true. Why (issue #25 item 4): a recharts chart's first mount is one task that
 * cannot yield (70-160 ms of main thread on this 2-core machine: the recorded experiment's
 * chart, the family scatter, the recorded seeds' dot plot), and these figures appear at the Run,
 * when the worker pool starts training. Mounted while the page is idle before the Run, showing
 * them is a style change.
 *
 * Laid out, not `display: none`: recharts measures its labels' text, which needs layout. On the
 * server (no effects) nothing is mounted before it is shown.
 */
import {
  createContext,
  useContext,
  useDeferredValue,
  useEffect,
  useState,
  type ReactNode,
} from 'react';

/** True inside a figure mounted ahead and not shown yet (on-screen.tsx draws it anyway). */
const Hidden = createContext(false);

export const useInPremount = (): boolean => useContext(Hidden);

/**
 * False until the page's first idle moment after mount (requestIdleCallback; a second later
 * where there is none, as in Safari).
 */
export function useFirstIdle(): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    if (typeof requestIdleCallback !== 'function') {
      const t = setTimeout(() => setIdle(true), 1000);
      return () => clearTimeout(t);
    }
    const id = requestIdleCallback(() => setIdle(true));
    return () => cancelIdleCallback(id);
  }, []);
  return idle;
}

/**
 * `children` once shown, or hidden ahead from the first idle moment (`ahead` false: not before
 * shown). One wrapper element either way, so showing them does not remount them.
 */
export function Premount({
  shown,
  ahead = true,
  children,
}: {
  shown: boolean;
  ahead?: boolean;
  children?: ReactNode;
}) {
  const idle = useFirstIdle();
  // Shown a render later than asked (a transition): the Run's click re-renders the page's
  // controls, and the style and layout of a panel of charts coming into the page's flow would
  // have been in the same task.
  const late = useDeferredValue(shown);
  const mountedAhead = ahead && idle;
  if (!shown && !mountedAhead) return null;
  const visible = late || !mountedAhead;
  return (
    <div
      className={visible ? 'premount-shown' : 'premount-hidden'}
      aria-hidden={visible ? undefined : true}
      inert={!visible}
    >
      <Hidden.Provider value={!visible}>{children}</Hidden.Provider>
    </div>
  );
}
