/** Several lines drawn as one recharts series (src/ui/features/charts/line-specs.ts joinedSpec). */
import { describe, expect, it } from 'vitest';
import { joinedSpec } from '../../../src/ui/features/charts/line-specs';
import type { LineSpec } from '../../../src/ui/features/charts/line-chart';

const part = (key: string, xs: number[]): LineSpec => ({
  key,
  name: key,
  colour: '#123456',
  points: xs.map((x) => [x, x / 100] as const),
});
const look = { key: 'others:sgd', name: 'SGD OOD, other seeds', colour: '#123456', faint: true };

describe('joinedSpec', () => {
  it('joins the parts in order with one null gap between each two, and nothing for empty parts', () => {
    const j = joinedSpec([part('a', [10, 20]), part('b', []), part('c', [10, 20, 30])], look);
    expect(j?.points).toEqual([
      [10, 0.1],
      [20, 0.2],
      [20, null],
      [10, 0.1],
      [20, 0.2],
      [30, 0.3],
    ]);
    expect(j).toMatchObject(look);
    expect(joinedSpec([part('a', [])], look)).toBeNull();
    expect(joinedSpec([], look)).toBeNull();
  });

  it('is the same object while every part is, and a new one when a part changes', () => {
    const a = part('a', [10, 20]);
    const b = part('b', [10]);
    const first = joinedSpec([a, b], look);
    expect(joinedSpec([a, b], look)).toBe(first);
    const b2 = part('b', [10, 20]);
    const second = joinedSpec([a, b2], look);
    expect(second).not.toBe(first);
    expect(second?.points).toHaveLength(5);
    expect(joinedSpec([a, b2], { ...look, key: 'others:adamw' })?.key).toBe('others:adamw');
  });
});
