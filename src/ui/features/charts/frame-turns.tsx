/**
 * One chart update per frame across the page, each committed before the next begins. Why (issue
 * #25 item 4): the charts panel hands new data to its charts one per animation frame, and the
 * seed dot plot takes its own a frame later, but on a busy main thread two frame callbacks could
 * run before React rendered the first one's update, and then two charts (55-90 ms of main
 * thread together) shared a task. Here a turn is granted in the task after an animation frame
 * (afterFrame), and the next one only once the holder says its update has committed (or, should
 * its update have changed nothing and so never commit, after `TIMEOUT_MS`).
 *
 * The queue is the page's, held by <FrameTurnsProvider> (train-panel.tsx); without one (a chart
 * rendered alone, in tests) each turn is simply the next animation frame.
 */
import { createContext, useContext, useState, type ReactNode } from 'react';

/** How long a granted turn waits for its commit before the next is granted anyway. */
const TIMEOUT_MS = 250;

interface Turn {
  run: () => void;
  live: boolean;
}

export class FrameTurns {
  private queue: Turn[] = [];
  private held: (() => void) | null = null;
  private pending = false;

  /** Runs `run` in a later animation frame, in turn; returns a cancel. */
  take(run: () => void): () => void {
    const t: Turn = { run, live: true };
    this.queue.push(t);
    this.pump();
    return () => {
      t.live = false;
    };
  }

  /** The holder's update has committed: the next turn may be granted. */
  done(): void {
    this.held?.();
  }

  private pump(): void {
    if (this.held || this.pending) return;
    this.pending = true;
    afterFrame(() => {
      this.pending = false;
      const t = this.next();
      if (!t) return;
      const timer = setTimeout(() => release(), TIMEOUT_MS);
      const release = (): void => {
        clearTimeout(timer);
        this.held = null;
        this.pump();
      };
      this.held = release;
      t.run();
    });
  }

  private next(): Turn | undefined {
    let t = this.queue.shift();
    while (t && !t.live) t = this.queue.shift();
    return t;
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
export function takeTurn(turns: FrameTurns | null, run: () => void): () => void {
  if (turns) return turns.take(run);
  if (typeof requestAnimationFrame !== 'function') {
    run();
    return () => undefined;
  }
  return afterFrame(run);
}
