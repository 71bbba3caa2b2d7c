/**
 * Every starting point's settings, pinned in one line each in the notation of docs/results.md
 * (model, benchmark, strength, classes, sizes, batch, epochs, evaluations, seed, each method's
 * rate): the classroom preset is the lesson design the experiments chose (design L5), and the
 * AdamW-lead preset, built from it, is the whole acquisition benchmark at the recipe's size.
 */
import { describe, expect, it } from 'vitest';
import { CLASSROOM_PRESET, type ClassroomPreset } from '../../../src/presets/classroom';
import { PAPER_GAP_PRESET } from '../../../src/presets/paper-gap';

function presetLine(p: ClassroomPreset): string {
  const d = p.data;
  const classes = d.classes.length === 0 ? 'all classes' : `classes ${d.classes.join(',')}`;
  const rates = p.methods.map((m) => `${m.method} ${m.lr}`).join(', ');
  return (
    `${p.model} on ${p.benchmark} at strength ${p.strength ?? 'default'}, ${classes}, ` +
    `${d.trainPerClass}/${d.valPerClass}/${d.oodPerClass} per class, batch ${p.batchSize}, ` +
    `${p.epochs} epochs, ${p.evalsPerEpoch} evals per epoch, seed ${p.seed}: ${rates}`
  );
}

describe('the presets hold the settings the experiments chose', () => {
  it.each([
    [
      'classroom (design L5)',
      CLASSROOM_PRESET,
      'vit-adamw on acquisition at strength 1, classes 0,1,2,3,4, 300/50/100 per class, ' +
        'batch 32, 2 epochs, 2 evals per epoch, seed 0: ' +
        'sgd 0.01, adamw 0.001, sgd-freeze 0.01, sgd-freeze-nomom 0.03',
    ],
    [
      'AdamW lead (acquisition-s10)',
      PAPER_GAP_PRESET,
      'vit-adamw on acquisition at strength 1, all classes, 300/100/100 per class, ' +
        'batch 64, 6 epochs, 2 evals per epoch, seed 0: ' +
        'sgd 0.03, adamw 0.001, sgd-freeze 0.03, sgd-freeze-nomom 0.1',
    ],
  ] as const)('%s', (_name, preset, line) => {
    expect(presetLine(preset)).toBe(line);
    // The line names every setting a preset has, and nothing else is in it.
    expect(Object.keys(preset)).toEqual([
      'model',
      'benchmark',
      'strength',
      'data',
      'batchSize',
      'epochs',
      'evalsPerEpoch',
      'seed',
      'methods',
    ]);
    expect(Object.keys(preset.data)).toEqual([
      'classes',
      'trainPerClass',
      'valPerClass',
      'oodPerClass',
    ]);
    expect(preset.methods.every((m) => Object.keys(m).join() === 'method,lr')).toBe(true);
  });
});
