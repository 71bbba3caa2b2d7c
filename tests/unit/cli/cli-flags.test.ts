/**
 * Numbers on the command line are checked (src/cli/flags.ts): the export CLI's and the
 * experiment CLI's parsers refuse non-integers and out-of-range values, naming the flag.
 */
import { describe, expect, it } from 'vitest';
import { parseSettings, type ExportSettings } from '../../../src/cli/export-pytorch/settings';
import { parseExperimentArgs } from '../../../src/cli/experiment/args';
import { FlagError, intFlag, numberFlag } from '../../../src/cli/flags';

describe('export-pytorch flags', () => {
  it.each([
    [['--seed', '1e308'], /^--seed "1e308": a whole number from 0 to 2147483647/],
    [['--seed=-1'], /^--seed -1: a whole number from 0 to 2147483647/],
    [['--seed', '2.5'], /^--seed "2\.5"/],
    [['--seed', '0x10'], /^--seed "0x10"/],
    [['--seed', ''], /^--seed "": a whole number/],
    [['--evals-per-epoch', '0'], /^--evals-per-epoch 0: a whole number from 1 to 20/],
    [['--evals-per-epoch', 'Infinity'], /^--evals-per-epoch "Infinity"/],
    [['--epochs', '1.5'], /^--epochs "1\.5"/],
    [['--batch', '100000'], /^--batch 100000: a whole number from 1 to 1024/],
    [['--data-seed', 'NaN'], /^--data-seed "NaN"/],
    [['--max-steps', '0'], /^--max-steps 0/],
    [['--train-per-class', '9e9'], /^--train-per-class "9e9"/],
    [['--strength', '1.5'], /^--strength 1\.5: a number from 0 to 1/],
    [['--strength', 'strong'], /^--strength "strong"/],
    [['--classes', '0,1,,2'], /^--classes "0,1,,2": an empty item/],
    [['--classes', '0,100'], /^--classes 100: a whole number from 0 to 99/],
    [['--methods', 'sgd=1e400'], /^--methods sgd= 1e400: a number from 0 to 10/],
    [['--methods', 'sgd=-0.1'], /^--methods sgd= -0\.1/],
    [['--methods', 'sgd'], /^--methods sgd: write ID=LR/],
    [['--schedule', 'warmup-cosine:1e3'], /^--schedule warmup-cosine:STEPS "1e3"/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseSettings(argv)).toThrow(FlagError);
    expect(() => parseSettings(argv)).toThrow(message);
  });

  it('keeps valid values, and the preset where a flag is absent', () => {
    const s = parseSettings([
      '--seed',
      '2147483647',
      '--evals-per-epoch',
      '20',
      '--strength',
      '0.5',
      '--classes',
      '0, 3',
      '--methods',
      'sgd=1e-2',
      '--schedule',
      'warmup-cosine:10',
      '--max-steps',
      '7',
    ]) as ExportSettings;
    expect([
      s.seed,
      s.evalsPerEpoch,
      s.data.strength,
      s.data.classes,
      s.methods,
      s.schedule,
      s.maxSteps,
    ]).toEqual([
      2147483647,
      20,
      0.5,
      [0, 3],
      [{ method: 'sgd', lr: 0.01 }],
      { kind: 'warmup-cosine', warmupSteps: 10 },
      7,
    ]);
    expect((parseSettings([]) as ExportSettings).evalsPerEpoch).toBeGreaterThanOrEqual(1);
  });
});

describe('experiment flags', () => {
  it.each([
    [['--seeds', '0,1e308'], /^--seeds "1e308"/],
    [['--seeds', ''], /^--seeds is empty/],
    [['--epochs', '0'], /^--epochs 0: a whole number from 1/],
    [['--max-batches=-3'], /^--max-batches -3/],
    [['--backend', 'gpu'], /^--backend must be cpu or wasm/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseExperimentArgs(argv)).toThrow(message);
  });

  it('parses valid flags', () => {
    const a = parseExperimentArgs([
      '--seeds',
      '0, 2',
      '--epochs',
      '3',
      '--models',
      'vit-adamw',
      '--max-batches',
      '4',
    ]);
    expect([a.seeds, a.epochs, a.models, a.maxBatches, a.backend]).toEqual([
      [0, 2],
      3,
      ['vit-adamw'],
      4,
      'cpu',
    ]);
  });
});

describe('flag parsers', () => {
  it('take plain decimals only', () => {
    expect(intFlag('n', ' 42 ', { min: 0, max: 100 })).toBe(42);
    expect(numberFlag('x', '3e-4', { min: 0, max: 1 })).toBe(3e-4);
    expect(numberFlag('x', '.5', { min: 0, max: 1 })).toBe(0.5);
    expect(() => numberFlag('x', '1/2', { min: 0, max: 1 })).toThrow(/^--x "1\/2"/);
  });
});
