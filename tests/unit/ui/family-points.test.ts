/**
 * The family scatter's data (issue #20): the recorded file read as the page reads it, rows to
 * points (an unmeasured gap on the ratio axis, never 0), the log ratio axis and the gap axis,
 * the correlation in words, the live run's own point, and the paper's ratio marks.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { EvalEvent, StepEvent } from '../../../src/protocol/messages';
import {
  correlationSentence,
  familyPlot,
  gapAxis,
  ratioAxis,
} from '../../../src/ui/features/charts/family-points';
import { layerInfoOf } from '../../../src/ui/features/charts/series';
import { startRatio, yourRun } from '../../../src/ui/features/charts/your-run-point';
import { parseFamily, type FamilyRow } from '../../../src/ui/reference/family-data';
import { paperRatioMarks } from '../../../src/ui/reference/paper-models';
import { pool } from '../../../src/ui/seeds/pooled';
import { seedResults } from '../../../src/ui/seeds/seed-results';
import type { MethodHistory } from '../../../src/ui/store/method-history';

const json = (p: string): unknown => JSON.parse(readFileSync(p, 'utf8'));
const iv = (mean: number, lo: number, hi: number, n = 5) => ({ mean, lo, hi, n });
const row = (name: string, raw: number, gap: [number, number, number] | null): FamilyRow => ({
  name,
  kind: 'family',
  design: 'F9',
  lever: 'length',
  ratio: { raw, rawRange: [raw, raw], rms: raw },
  gaps: gap ? { adamwMinusSgd: iv(...gap), freezeMinusAdamw: iv(1, 0, 2) } : null,
});

describe('the recorded family file', () => {
  it('is deployed byte-identical to docs/results/family.json and reads with every row', () => {
    const deployed = readFileSync('public/reference/family.json');
    expect(deployed.equals(readFileSync('docs/results/family.json'))).toBe(true);
    const raw = json('public/reference/family.json') as { rows: { gaps?: unknown }[] };
    const f = parseFamily(raw);
    expect(f?.rows.length).toBe(raw.rows.length);
    // A row without gaps (null, or no key at all) is read as not measured.
    expect(f?.rows.filter((r) => r.gaps === null).length).toBe(
      raw.rows.filter((r) => r.gaps === null || r.gaps === undefined).length,
    );
    expect(f?.correlation?.n).toBeGreaterThan(1);
  });

  it('refuses a file of another shape', () => {
    expect(parseFamily(null)).toBeNull();
    expect(
      parseFamily({ rows: [{ name: 'x', kind: 'family', ratio: { raw: 1 }, gaps: null }] }),
    ).toBeNull();
    const bad = {
      ...row('a', 1, [1, 0, 2]),
      gaps: { adamwMinusSgd: iv(1, 3, 2), freezeMinusAdamw: iv(1, 0, 2) },
    };
    expect(parseFamily({ rows: [bad] })).toBeNull(); // lo above hi
    expect(parseFamily({ rows: [row('a', 1, null)], correlation: { rho: 'high' } })).toBeNull();
  });
});

describe('rows to points', () => {
  const rows = [
    row('a', 0.2, [-2, -6, 2]),
    row('b', 1.5, [14, 2, 26]),
    row('c', 8, null),
    row('d', 2.1, null),
  ];

  it('a measured row is its mean with the interval as offsets, n kept; an unmeasured one sits on the bottom line, below every interval', () => {
    const p = familyPlot(rows, null, null);
    expect(p.measured.map((m) => [m.name, m.x, m.y, m.err, m.n])).toEqual([
      ['a', 0.2, -2, [4, 4], 5],
      ['b', 1.5, 14, [12, 12], 5],
    ]);
    expect(p.unmeasured.map((m) => [m.name, m.y, m.measured, m.n])).toEqual([
      ['c', p.y.domain[0], false, 0],
      ['d', p.y.domain[0], false, 0],
    ]);
    expect(p.y.domain[0]).toBeLessThan(-6); // never drawn as a gap of 0, nor on an interval
    expect(p.paper.map((m) => [m.x, m.y])).toEqual([
      [3.1, 8.1],
      [3.1, 2.2],
      [0.27, 0.5],
    ]);
    expect(p.paper.every((m) => m.tag?.startsWith('paper: '))).toBe(true);
  });

  it('rings the live checkpoint, measured or not, and nothing for weights outside the family', () => {
    expect(familyPlot(rows, 'b', null).live?.name).toBe('b');
    expect(familyPlot(rows, 'c', null).live?.measured).toBe(false);
    expect(familyPlot(rows, 'random', null).live).toBeNull();
  });

  it("draws the run's own point with its interval, and widens the axes to hold the point", () => {
    const p = familyPlot(rows, 'b', { ratio: 12, gap: 30, lo: 20, hi: 40, n: 3 });
    expect(p.you).toMatchObject({
      name: 'your run',
      x: 12,
      y: 30,
      err: [10, 10],
      n: 3,
      tag: 'your run',
      lo: 20,
      hi: 40,
    });
    expect(p.x.domain[1]).toBeGreaterThanOrEqual(12);
    expect(p.y.domain[1]).toBeGreaterThanOrEqual(30);
    // Two seeds' huge interval does not flatten the family: the axis follows the family and the mean.
    const wide = familyPlot(rows, 'b', { ratio: 1, gap: 12.5, lo: -66.4, hi: 91.4, n: 2 });
    expect(wide.y.domain).toEqual(familyPlot(rows, 'b', null).y.domain);
    expect(wide.you).toMatchObject({ lo: -66.4, hi: 91.4 });
    expect(familyPlot(rows, 'b', { ratio: 1, gap: 3, lo: null, hi: null, n: 1 }).you?.err).toEqual([
      0, 0,
    ]);
  });
});

describe('axes', () => {
  it('ratio: a log axis on decades and threes enclosing the data', () => {
    expect(ratioAxis([0.15, 8.2, 3.1, 0.27])).toEqual({
      domain: [0.1, 10],
      ticks: [0.1, 0.3, 1, 3, 10],
    });
    expect(ratioAxis([1.3, 2.4])).toEqual({ domain: [1, 3], ticks: [1, 3] });
  });

  it('gap: round steps, 0 included, half a step free at the bottom', () => {
    expect(gapAxis([2, 8.1])).toEqual({ domain: [-5, 10], ticks: [-5, 0, 5, 10] });
    const wide = gapAxis([-34.22, 48.54]);
    expect(wide.domain).toEqual([-40, 50]);
    expect((wide.ticks[1] as number) - (wide.ticks[0] as number)).toBe(10);
  });
});

describe('the correlation in words', () => {
  const c = (rho: number, lo: number, hi: number) => ({
    rho,
    ci90: [lo, hi] as [number, number],
    n: 8,
    what: '',
  });
  it('claims a trend only where the interval excludes 0', () => {
    expect(correlationSentence(c(0.3, -0.875, 1))).toMatch(
      /ρ .*: 0\.30 \(90% interval −0\.88 to 1\.00, n = 8 checkpoints\)\. The interval includes 0: these checkpoints do not settle/,
    );
    expect(correlationSentence(c(0.8, 0.2, 0.97))).toMatch(
      /excludes 0: over this family, a larger ratio goes with a larger AdamW lead/,
    );
    expect(correlationSentence(c(-0.8, -0.97, -0.2))).toMatch(
      /excludes 0, on the other side: .* smaller AdamW lead, against the paper/,
    );
  });
});

describe("the run's own point", () => {
  const info = layerInfoOf({
    layers: ['patch_embed', 'blocks.0', 'blocks.1', 'head'],
    embedLayers: ['patch_embed'],
    headLayers: ['head'],
  });
  const step = (embed: number | null): StepEvent => ({
    type: 'step',
    step: 1,
    epoch: 0,
    totalSteps: 2,
    loss: 1,
    lr: 0.01,
    gradNorms: {
      perParam: {},
      perLayer: { patch_embed: embed, 'blocks.0': 0.5, 'blocks.1': 1, head: 9 },
      perGroup: { embed, body: 1, head: 9 },
      total: 9,
    },
    stepMs: 1,
    imagesPerSec: 1,
  });
  const ev = (ood: number): EvalEvent => ({
    type: 'eval',
    step: 2,
    epoch: 0,
    id: { n: 10, accuracy: 0.5 },
    ood: { n: 10, accuracy: ood },
    drift: {},
  });
  const run = (embed: number | null, ood: number | null): MethodHistory => ({
    steps: [step(embed)],
    evals: [],
    ...(ood === null
      ? {}
      : {
          done: {
            type: 'done',
            status: 'finished',
            steps: 2,
            best: ev(ood),
            last: ev(ood),
            elapsedMs: 1,
          },
        }),
  });

  it('ratio: the first step, first layer over the largest middle layer (head left out), mean over runs; a frozen embedding has none', () => {
    expect(
      startRatio(
        {
          1: { sgd: run(2, 0.5), adamw: run(2, 0.6), 'sgd-freeze': run(null, 0.6) },
          2: { sgd: run(3, 0.5) },
        },
        info,
      ),
    ).toBeCloseTo((2 + 2 + 3) / 3, 9);
    expect(startRatio({}, info)).toBeNull();
  });

  it('gap: AdamW - SGD OOD paired over seeds, in points, with an interval from two seeds; nothing while either runs', () => {
    const runs = {
      1: { sgd: run(2, 0.5), adamw: run(2, 0.6) },
      2: { sgd: run(2, 0.4), adamw: run(2, 0.6) },
    };
    const you = yourRun(runs, pool(seedResults(runs, false)), info);
    expect(you).toMatchObject({ ratio: 2, n: 2 });
    expect(you?.gap).toBeCloseTo(15, 9);
    expect(you?.lo).toBeLessThan(15);
    expect(you?.hi).toBeGreaterThan(15);
    const one = { 1: { sgd: run(2, 0.5), adamw: run(2, 0.6) } };
    expect(yourRun(one, pool(seedResults(one, false)), info)).toMatchObject({
      n: 1,
      lo: null,
      hi: null,
    });
    const going = { ...one, 2: { sgd: run(2, 0.5), adamw: run(2, null) } };
    expect(yourRun(going, pool(seedResults(going, false)), info)).toBeNull();
  });
});

it("the paper's ratios as labelled lines, one per value", () => {
  expect(paperRatioMarks()).toEqual([
    { y: 3.1, label: 'paper: CLIP ViT-B/16, ConvNeXt-B 3.1' },
    { y: 0.27, label: 'paper: BiT ResNet-50 0.27' },
  ]);
});
