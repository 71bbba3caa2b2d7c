/**
 * The page's one-chart-update-per-frame queue (src/ui/features/charts/frame-turns.tsx): a turn
 * per animation frame (in the task after it), the next only once the holder's update has committed (done) or the
 * timeout passed, cancelled turns skipped. Animation frames are driven by hand.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrameTurns, takeTurn } from '../../../src/ui/features/charts/frame-turns';

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
  it('grants one turn per frame, and the next only after the holder is done', () => {
    const turns = new FrameTurns();
    const ran: string[] = [];
    turns.take(() => ran.push('a'));
    turns.take(() => ran.push('b'));
    turns.take(() => ran.push('c'));
    expect(ran).toEqual([]); // nothing before a frame
    frame();
    expect(ran).toEqual(['a']);
    frame(); // a has not committed: no turn in this frame
    expect(ran).toEqual(['a']);
    turns.done();
    expect(ran).toEqual(['a']); // b waits for the next frame
    frame();
    expect(ran).toEqual(['a', 'b']);
    turns.done();
    frame();
    expect(ran).toEqual(['a', 'b', 'c']);
  });

  it('grants the next turn after the timeout when the holder never commits', () => {
    const turns = new FrameTurns();
    const ran: string[] = [];
    turns.take(() => ran.push('a'));
    turns.take(() => ran.push('b'));
    frame();
    vi.advanceTimersByTime(249);
    frame();
    expect(ran).toEqual(['a']);
    vi.advanceTimersByTime(1);
    frame();
    expect(ran).toEqual(['a', 'b']);
  });

  it('skips a cancelled turn, and a late done() from an earlier holder changes nothing', () => {
    const turns = new FrameTurns();
    const ran: string[] = [];
    turns.take(() => ran.push('a'));
    const cancel = turns.take(() => ran.push('b'));
    turns.take(() => ran.push('c'));
    cancel();
    frame();
    turns.done();
    frame();
    expect(ran).toEqual(['a', 'c']);
    turns.done();
    turns.done(); // nothing held: no error, no extra turn
    frame();
    expect(ran).toEqual(['a', 'c']);
    expect(frames.size).toBe(0); // an empty queue asks for no frames
  });

  it('without a queue, a turn is the next animation frame and can be cancelled', () => {
    const ran: string[] = [];
    takeTurn(null, () => ran.push('a'));
    const cancel = takeTurn(null, () => ran.push('b'));
    cancel();
    frame();
    expect(ran).toEqual(['a']);
  });
});
