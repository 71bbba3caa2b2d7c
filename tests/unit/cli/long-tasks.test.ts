import { describe, expect, it } from 'vitest';
import { formatTaskStats, taskStats } from '../../../src/cli/bench/long-tasks';

const tasks = (ds: number[]) => ds.map((duration, i) => ({ start: 100 * i, duration }));

describe('taskStats (the benches’ and the main-thread e2e’s summary of long tasks)', () => {
  it('counts, the longest, the nearest-rank 95th percentile and those over 50 ms', () => {
    // 20 tasks: 50 (the API's threshold, not over the goal) and 51..69.
    const s = taskStats(tasks([69, 50, ...Array.from({ length: 18 }, (_, i) => 51 + i)]));
    expect(s).toEqual({ count: 20, longest: 69, p95: 68, over50: 19 });
    expect(formatTaskStats(s)).toBe(
      'longest 69 ms, p95 68 ms, 19 tasks > 50 ms (of 20 long tasks)',
    );
  });

  it('no long task: zeros, not -Infinity or NaN', () => {
    expect(taskStats([])).toEqual({ count: 0, longest: 0, p95: 0, over50: 0 });
    expect(taskStats(tasks([120]))).toEqual({ count: 1, longest: 120, p95: 120, over50: 1 });
  });
});
