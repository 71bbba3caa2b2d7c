/**
 * One chart update per frame across the page, each committed before the next begins. Why (issue
 * #25 item 4): the charts panel hands new data to its charts one per animation frame, and the
 * seed dot plot takes its own a frame later, but on a busy main thread two frame callbacks could
 * run before React rendered the first one's update, and then two charts (55-90 ms of main
 * thread together) shared a task. Here a turn is granted in an animation frame, and the next
 * one only once the holder says its update has committed (or, should its update have changed
 * nothing and so never commit, after `TIMEOUT_MS`).
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
  private frame = 0;

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
    if (this.held || this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
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

const Turns = createContext<FrameTurns | null>(null);

export function FrameTurnsProvider({ children }: { children: ReactNode }) {
  const [turns] = useState(() => new FrameTurns());
  return <Turns.Provider value={turns}>{children}</Turns.Provider>;
}

/** The page's queue, or null outside a provider. */
export const useFrameTurns = (): FrameTurns | null => useContext(Turns);

/** `run` in a later frame: in turn when there is a queue; returns a cancel. */
export function takeTurn(turns: FrameTurns | null, run: () => void): () => void {
  if (turns) return turns.take(run);
  if (typeof requestAnimationFrame !== 'function') {
    run();
    return () => undefined;
  }
  const frame = requestAnimationFrame(run);
  return () => cancelAnimationFrame(frame);
}
