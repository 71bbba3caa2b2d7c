/** The pool's size, its reason for being smaller than asked, and the seed x method grid, rendered server-side. */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PoolGridView } from '../../../../src/ui/pool/pool-grid';
import type { PoolView } from '../../../../src/ui/store/pool-slice';

const view: PoolView = {
  size: 2,
  note: '8 parallel workers refused: too much memory. Running 2 instead, the most that fit.',
  msPerStep: [100, 120],
  over: false,
  cells: [
    { seed: 0, methodId: 'sgd', worker: 0, step: 92, total: 92, state: 'done' },
    { seed: 0, methodId: 'adamw', worker: 0, step: 40, total: 92, state: 'running' },
    { seed: 1, methodId: 'sgd', worker: 1, step: 17, total: 92, state: 'diverged' },
    { seed: 1, methodId: 'adamw', worker: 1, step: 0, total: 92, state: 'queued' },
  ],
};

describe('PoolGridView', () => {
  it('shows the size, the refusal and each run as step/total, done, diverged, queued', () => {
    const html = renderToStaticMarkup(createElement(PoolGridView, { pool: view }));
    expect(html).toContain('data-size="2"');
    expect(html).toMatch(/2 parallel training workers, 4 runs/);
    expect(html).toMatch(
      /<span role="note" data-testid="pool-note"> · 8 parallel workers refused: too much memory\. Running 2 instead/,
    );
    const cell = (seed: number, m: string): string =>
      new RegExp(
        `data-seed="${seed}" data-method="${m}" data-state="(\\w+)" title="worker (\\d)">([^<]*)<`,
      )
        .exec(html)
        ?.slice(1)
        .join('|') ?? 'missing';
    expect(cell(0, 'sgd')).toBe('done|1|done 92');
    expect(cell(0, 'adamw')).toBe('running|1|40/92');
    expect(cell(1, 'sgd')).toBe('diverged|2|diverged 17');
    expect(cell(1, 'adamw')).toBe('queued|2|queued');
    expect(html).toContain('<th scope="col">SGD (momentum 0.9)</th><th scope="col">AdamW</th>');
  });
});
