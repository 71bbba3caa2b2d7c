/**
 * The "AdamW's lead" starting point: its learning rates are the ones ID validation picked in
 * the experiment it reproduces (docs/results/summary.json, written by `npm run experiment --
 * --report`), and the button's action gives the worker that run.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { PAPER_GAP_PRESET } from '../../../src/presets/paper-gap';
import { useStore } from '../../../src/ui/store/store';
import {
  dataSource,
  methodSpecs,
  modelSource,
  runSpec,
} from '../../../src/ui/settings/to-commands';

interface Cell {
  engine: string;
  model: string;
  benchmark: string;
  method: string;
  lr: number;
  seeds: number[];
}

describe('the AdamW-lead preset', () => {
  beforeEach(() => useStore.getState().resetConfig());

  it('uses the learning rates the experiment picked on acquisition at strength 1.0', () => {
    const cells = JSON.parse(
      readFileSync(new URL('../../../docs/results/summary.json', import.meta.url), 'utf8'),
    ) as Cell[];
    const p = PAPER_GAP_PRESET;
    const name = `${p.benchmark}-s${Math.round((p.strength ?? 0) * 10)}`;
    for (const { method, lr } of p.methods) {
      const cell = cells.find(
        (c) =>
          c.engine === 'torch' &&
          c.model === p.model &&
          c.benchmark === name &&
          c.method === method,
      );
      expect([method, cell?.lr]).toEqual([method, lr]);
      expect(cell?.seeds.length).toBeGreaterThanOrEqual(3);
    }
  });

  it('sets every control for that run, including the shift strength', () => {
    useStore.getState().set('benchmark', 'region');
    useStore.getState().paperGap();
    const c = useStore.getState().config;
    expect(modelSource(c)).toEqual({ kind: 'pretrained', name: 'vit-adamw', seed: 0 });
    expect(dataSource(c)).toEqual({
      benchmark: 'acquisition',
      seed: 0,
      strength: 1,
      trainPerClass: 300,
      valPerClass: 100,
      oodPerClass: 100,
    });
    expect(runSpec(c)).toMatchObject({ batchSize: 64, epochs: 6 });
    expect(Object.fromEntries(methodSpecs(c).map((m) => [m.id, m.optimizer.lr]))).toEqual({
      sgd: 0.03,
      adamw: 1e-3,
      'sgd-freeze': 0.03,
      'sgd-freeze-nomom': 0.1,
    });
    // The link carries it too.
    const hash = useStore.getState().hash();
    useStore.getState().resetConfig();
    useStore.getState().fromHash(hash);
    expect(dataSource(useStore.getState().config)).toMatchObject({
      strength: 1,
      benchmark: 'acquisition',
    });
  });
});
