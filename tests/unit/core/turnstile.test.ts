import { describe, expect, it } from 'vitest';
import { Turnstile } from '../../../src/core/train/turnstile';

/** Runs `steps[i]` steps of method i through the turnstile, logging the order of steps. */
async function simulate(
  steps: number[],
  onStep?: (m: number, s: number, t: Turnstile) => void,
): Promise<number[]> {
  const t = new Turnstile(steps.length);
  const log: number[] = [];
  await Promise.all(
    steps.map(async (n, m) => {
      for (let s = 0; s < n; s++) {
        await t.take(m);
        // A step awaits readbacks: let the others try to cut in.
        await new Promise((r) => setTimeout(r, Math.random() * 2));
        log.push(m);
        onStep?.(m, s, t);
      }
      t.leave(m);
    }),
  );
  return log;
}

describe('Turnstile (lockstep comparisons)', () => {
  it('round-robin: one step of every method in turn', async () => {
    expect(await simulate([3, 3, 3])).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2]);
  });

  it('a method that ends early leaves the rotation; the others go on in order', async () => {
    expect(await simulate([1, 3, 2])).toEqual([0, 1, 2, 1, 2, 1]);
  });

  it('a method that fails mid-run leaves at once, even while it holds the turn', async () => {
    const t = new Turnstile(3);
    const log: string[] = [];
    const method = async (m: number, n: number, failAt?: number): Promise<void> => {
      try {
        for (let s = 0; s < n; s++) {
          await t.take(m);
          if (s === failAt) throw new Error('diverged');
          log.push(`${m}:${s}`);
        }
      } catch {
        log.push(`${m} failed`);
      } finally {
        t.leave(m);
      }
    };
    await Promise.all([method(0, 3), method(1, 3, 1), method(2, 3)]);
    expect(log).toEqual(['0:0', '1:0', '2:0', '0:1', '1 failed', '2:1', '0:2', '2:2']);
  });

  it('a single method never waits', async () => {
    const t = new Turnstile(1);
    for (let i = 0; i < 5; i++) await t.take(0);
    expect(t.holder).toBe(0);
  });

  it('refuses a method that has left', async () => {
    const t = new Turnstile(2);
    t.leave(1);
    await expect(t.take(1)).rejects.toThrow(/left the rotation/);
  });
});
