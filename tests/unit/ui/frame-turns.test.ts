/**
 * The page's one-chart-update-per-frame queue (src/ui/features/charts/frame-turns.tsx): a turn
 * per animation frame (in the task after it), the next only once the holder has released its
 * turn (its update committed) or the timeout passed; cancelled turns dropped. Animation frames
 * are driven by hand.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameTurns, takeTurn, type Release } from '../../../src/ui/features/charts/frame-turns';

let frames: Map<number, FrameRequestCallback>;
let nextId: number;
/** Runs the frame callbacks requested so far (one animation frame), then the task after it. */
const frame = (): void => {
  const due = [...frames.values()];
  frames.clear();
  for (const cb of due) cb(performance.now());
  vi.advanceTimersByTime(0);
};

beforeEach(() => {
  frames = new Map();
  nextId = 1;
  vi.useFakeTimers();
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
    frames.set(nextId, cb);
    return nextId++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('FrameTurns', () => {
  /**
   * A fresh queue, the names of the turns run so far, each turn's release, and `take(name)`: a
   * turn that records its name and keeps its release (returns the cancel).
   */
  const queue = () => {
    const turns = new FrameTurns();
    const ran: string[] = [];
    const rel = new Map<string, Release>();
    const take = (name: string): (() => void) =>
      turns.take((release) => {
        ran.push(name);
        rel.set(name, release);
      });
    return { ran, rel, take };
  };

  it('grants one turn per frame, and the next only after the holder releases it', () => {
    const { ran, rel, take } = queue();
    take('a');
    take('b');
    take('c');
    expect(ran).toEqual([]); // nothing before a frame
    frame();
    expect(ran).toEqual(['a']);
    frame(); // a has not committed: no turn in this frame
    expect(ran).toEqual(['a']);
    rel.get('a')?.();
    expect(ran).toEqual(['a']); // b waits for the next frame
    frame();
    expect(ran).toEqual(['a', 'b']);
    rel.get('b')?.();
    frame();
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('grants the next turn after the timeout when the holder never commits', () => {
    const { ran, take } = queue();
    take('a');
    take('b');
    frame();
    vi.advanceTimersByTime(249);
    frame();
    expect(ran).toEqual(['a']);
    vi.advanceTimersByTime(1);
    frame();
    expect(ran).toEqual(['a', 'b']);
  });

  it('a late release from a holder that timed out does not end the next turn', () => {
    const { ran, rel, take } = queue();
    take('a');
    take('b');
    take('c');
    frame();
    vi.advanceTimersByTime(250); // a times out
    frame();
    expect(ran).toEqual(['a', 'b']);
    rel.get('a')?.(); // a commits at last (a lazy chunk arrived): b still holds its turn
    frame();
    expect(ran).toEqual(['a', 'b']);
    rel.get('b')?.();
    rel.get('b')?.(); // twice: once is enough
    frame();
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('drops a cancelled turn from the queue, and an empty queue asks for no frames', () => {
    const { ran, rel, take } = queue();
    take('a');
    const cancel = take('b');
    take('c');
    cancel();
    cancel(); // again: nothing else is dropped
    frame();
    rel.get('a')?.();
    frame();
    expect(ran).toEqual(['a', 'c']);
    rel.get('c')?.();
    expect(frames.size).toBe(0);
    // Many cancelled turns while no frame comes (a hidden tab) leave nothing queued behind them.
    for (let i = 0; i < 100; i++) take(`x${i}`)();
    take('d');
    frame();
    expect(ran).toEqual(['a', 'c', 'd']);
  });

  it('without a queue, a turn is the task after the next animation frame and can be cancelled', () => {
    const ran: string[] = [];
    takeTurn(null, () => ran.push('a'));
    const cancel = takeTurn(null, () => ran.push('b'));
    cancel();
    frame();
    expect(ran).toEqual(['a']);
  });
});
