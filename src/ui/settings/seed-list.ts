/**
 * The seeds a comparison runs, chosen before it starts: `seeds` consecutive seeds from `seed`,
 * shifted by `student` blocks so that students of one class link run disjoint seeds (student k
 * runs seed + k*seeds ... seed + k*seeds + seeds - 1). No seed is special: every one is a run
 * of the same recipe, and the page reads the pooled numbers.
 */
import type { Config } from './settings-table';

export function seedList(c: Pick<Config, 'seed' | 'seeds' | 'student'>): number[] {
  const first = c.seed + c.student * c.seeds;
  return Array.from({ length: c.seeds }, (_, i) => first + i);
}
