/**
 * One chart update per frame across the page, each committed before the next begins. Why (issue
 * #25 item 4): the charts panel hands new data to its charts one per animation frame, and the
 * seed dot plot takes its own a frame later, but on a busy main thread two frame callbacks could
 * run before React rendered the first one's update, and then two charts (55-90 ms of main
 * thread together) shared a task. Here a turn is granted in the task after an animation frame
 * (afterFrame), and the next one only once the holder releases it, its update committed (or after
 * `TIMEOUT_MS`: a holder that suspended on a lazy chunk, or unmounted before its commit).
 *
 * The queue is the page's, held by <FrameTurnsProvider> (train-panel.tsx); without one (a chart
 * rendered alone, in tests) each turn is simply the next animation frame.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';

/** How long a granted turn waits for its commit before the next is granted anyway. */
const TIMEOUT_MS = 250;

/** Ends a granted turn; a second call, or one after the turn timed out, does nothing. */
export type Release = () => void;

export class FrameTurns {
  private queue: ((release: Release) => void)[] = [];
  private held: Release | null = null;
  private pending = false;

  /**
   * Runs `run(release)` after a later animation frame, in turn; the holder calls `release` once
   * its update has committed. Returns a cancel, which drops a turn not granted yet (and what its
   * closure holds: a hidden tab has no frames, while the store keeps refreshing).
   */
  take(run: (release: Release) => void): () => void {
    this.queue.push(run);
    this.pump();
    return () => {
      const i = this.queue.indexOf(run);
      if (i >= 0) this.queue.splice(i, 1);
    };
  }

  private pump(): void {
    if (this.held || this.pending || this.queue.length === 0) return;
    this.pending = true;
    afterFrame(() => {
      this.pending = false;
      const run = this.queue.shift();
      if (!run) return;
      // This turn's own release: a late one from an earlier holder cannot end a later turn.
      const release: Release = () => {
        if (this.held !== release) return;
        clearTimeout(timer);
        this.held = null;
        this.pump();
      };
      const timer = setTimeout(release, TIMEOUT_MS);
      this.held = release;
      run(release);
    });
  }
}

/**
 * `run` in a task of its own right after the next animation frame: an update made in the frame
 * callback was rendered by React in that task, together with the frame's style, layout and paint
 * (the accuracy chart: 45-60 ms of main thread, a third of it paint); a task later, the chart's
 * render and the next frame's paint are two tasks. Returns a cancel.
 */
function afterFrame(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(run, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

const Turns = createContext<FrameTurns | null>(null);

export function FrameTurnsProvider({ children }: { children: ReactNode }) {
  const [turns] = useState(() => new FrameTurns());
  return <Turns.Provider value={turns}>{children}</Turns.Provider>;
}

/** The page's queue, or null outside a provider. */
export const useFrameTurns = (): FrameTurns | null => useContext(Turns);

/** `run` after a later frame (afterFrame): in turn when there is a queue; returns a cancel. */
export function takeTurn(turns: FrameTurns | null, run: (release: Release) => void): () => void {
  if (turns) return turns.take(run);
  const alone = (): void => run(() => undefined);
  if (typeof requestAnimationFrame !== 'function') {
    alone();
    return () => undefined;
  }
  return afterFrame(alone);
}
