/**
 * The method catalogue with the paper's other methods (presets/method-catalog.ts,
 * other-methods.ts): the ids, their bytes per trained parameter, what the page sends the worker
 * for each (settings -> methodSpecs), the memory facts the chart draws, links and share codes.
 */
import { describe, expect, it } from 'vitest';
import { METHOD_CATALOG, METHOD_IDS, PAPER_METHOD_IDS } from '../../../src/presets/method-catalog';
import { RECIPE } from '../../../src/presets/experiment-recipe';
import { recipeMethod } from '../../../src/cli/export-pytorch/build';
import { methodMemory } from '../../../src/ui/model-facts';
import { decodeShareCode, encodeShareCode } from '../../../src/ui/seeds/share-code';
import { defaultSettings } from '../../../src/ui/settings/settings-table';
import { methodSpecs } from '../../../src/ui/settings/to-commands';
import { parseHash, toHash } from '../../../src/ui/settings/url-hash';

const OTHERS = ['gradual-unfreeze', 'lamb', 'lars', 'sgd-embed-lr0.2', 'lp-ft', 'lp-ft-freeze'];

describe('the catalogue', () => {
  it("the grid's six first (the share code's bit order), then the paper's other methods", () => {
    expect(METHOD_IDS).toEqual([
      'sgd',
      'adamw',
      'sgd-freeze',
      'sgd-freeze-nomom',
      'sgd-nomom',
      'adamw-freeze',
      ...OTHERS,
    ]);
    expect(METHOD_CATALOG.filter((m) => m.group === 'other').map((m) => m.id)).toEqual(OTHERS);
    for (const id of OTHERS) expect(RECIPE.methods[id], id).toBeDefined();
    expect(PAPER_METHOD_IDS).toEqual(['sgd', 'adamw', 'sgd-freeze', 'sgd-freeze-nomom']);
  });

  it('each method: one line on what it does, its bytes per trained parameter (8 / 12 / 16)', () => {
    const bytes = Object.fromEntries(METHOD_CATALOG.map((m) => [m.id, m.bytesPerTrainedParam]));
    expect(bytes).toEqual({
      sgd: 12,
      adamw: 16,
      'sgd-freeze': 12,
      'sgd-freeze-nomom': 8,
      'sgd-nomom': 8,
      'adamw-freeze': 16,
      'gradual-unfreeze': 12,
      lamb: 16,
      lars: 12,
      'sgd-embed-lr0.2': 12,
      'lp-ft': 12,
      'lp-ft-freeze': 12,
    });
    for (const m of METHOD_CATALOG) {
      expect(m.what.length, m.id).toBeGreaterThan(20);
      expect(
        m.what.split(/[.!?](\s|$)/).filter((x) => x.trim().length > 1),
        m.id,
      ).toHaveLength(1);
    }
  });

  it('the memory chart has every method; freeze-embed costs less per parameter', () => {
    const mem = methodMemory('vit');
    expect(mem.map((m) => m.method)).toEqual(METHOD_CATALOG.map((m) => m.label));
    const per = (id: string): number => mem[METHOD_IDS.indexOf(id)]?.bytesPerParam as number;
    expect(per('lamb')).toBe(16);
    expect(per('lars')).toBe(12);
    expect(per('gradual-unfreeze')).toBe(12); // once every block has unfrozen
    expect(per('lp-ft-freeze')).toBeLessThan(12);
    expect(per('lp-ft-freeze')).toBeGreaterThan(4);
  });
});

describe('what the page sends for each other method', () => {
  const c = {
    ...defaultSettings(),
    methods: OTHERS,
    lrSgdm: 0.02,
    lrLamb: 0.004,
    lrLars: 2,
    embedLr: 0.5,
  };
  const specs = Object.fromEntries(methodSpecs(c).map((m) => [m.id, m]));

  it("gradual unfreezing, LP-FT (2 head-only epochs at lr 0.1 before the run's), the embedding multiplier", () => {
    expect(Object.keys(specs)).toEqual(OTHERS);
    expect(specs['gradual-unfreeze']).toMatchObject({
      gradualUnfreeze: true,
      freeze: [],
      optimizer: { kind: 'sgd', lr: 0.02, momentum: 0.9 },
    });
    expect(specs['lp-ft']).toMatchObject({ linearProbe: { epochs: 2, lr: 0.1 }, freeze: [] });
    expect(specs['lp-ft-freeze']).toMatchObject({
      linearProbe: { epochs: 2, lr: 0.1 },
      freeze: ['embed'],
    });
    expect(specs['sgd-embed-lr0.2']).toMatchObject({
      lrScale: { embed: 0.5 },
      optimizer: { lr: 0.02 },
    });
    expect(specs['sgd-embed-lr0.2']?.gradualUnfreeze).toBeUndefined();
  });

  it('LAMB and LARS at their own rates, with the recipe weight decay, eps and trust coefficient', () => {
    expect(specs.lamb?.optimizer).toEqual({
      kind: 'lamb',
      lr: 0.004,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-6,
      weightDecay: 0.01,
    });
    expect(specs.lars?.optimizer).toEqual({
      kind: 'lars',
      lr: 2,
      momentum: 0.9,
      trustCoeff: 1e-3,
      eps: 1e-8,
      weightDecay: 5e-4,
    });
  });

  it('a link carries the new ticks and settings; a bad multiplier is ignored, named', () => {
    const back = parseHash(toHash(c));
    expect(back.config.methods).toEqual(OTHERS);
    expect([back.config.embedLr, back.config.lrLamb, back.config.lrLars]).toEqual([0.5, 0.004, 2]);
    const bad = parseHash('#embed_lr=-1&methods=lamb,nope');
    expect(bad.ignored).toEqual(['embed_lr', 'methods']);
    expect(bad.config.embedLr).toBe(0.2);
  });
});

describe('share codes with the other methods', () => {
  it('a mask over 12 methods round-trips; a grid-only code keeps its one-byte mask', () => {
    const run = { kind: 'finished', id: 0.5, ood: 0.25 } as const;
    const all = {
      fingerprint: 7,
      seeds: { 3: Object.fromEntries(METHOD_IDS.map((id) => [id, run])) },
    };
    const decoded = decodeShareCode(encodeShareCode(all));
    expect(decoded.ok && Object.keys(decoded.result.seeds[3] ?? {})).toEqual([...METHOD_IDS]);
    const grid = encodeShareCode({ fingerprint: 7, seeds: { 3: { sgd: run, adamw: run } } });
    const longer = encodeShareCode({
      fingerprint: 7,
      seeds: { 3: { sgd: run, 'lp-ft-freeze': run } },
    });
    expect(longer.length).toBeGreaterThan(grid.length); // the mask is a varint: 2 bytes once bit 7 is set
  });
});

describe('the CLI export of a recipe method', () => {
  it('gradual-unfreeze carries its schedule into the project; LP-FT freeze-embed its head-only epochs', () => {
    expect(recipeMethod(RECIPE, 'gradual-unfreeze', 0.01)).toMatchObject({
      gradualUnfreeze: true,
      freeze: [],
      optimizer: { kind: 'sgd', lr: 0.01, momentum: 0.9 },
    });
    expect(recipeMethod(RECIPE, 'lp-ft-freeze', 0.001)).toMatchObject({
      lp: { epochs: 2, lr: 0.1 },
      freeze: ['embed'],
    });
    expect(recipeMethod(RECIPE, 'lars', 1).optimizer).toMatchObject({
      kind: 'lars',
      trustCoeff: 1e-3,
    });
  });
});
