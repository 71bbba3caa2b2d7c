/**
 * The seed views as the page renders them (server-side, as insight-render.test.ts): the
 * results table's pooled headline, the paired differences, the class pool's verdicts and
 * table, and the recorded experiment's reading.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { methodLabel, PAPER_METHOD_IDS } from '../../../src/presets/method-catalog';
import { ResultsTableView } from '../../../src/ui/features/insight/results-table';
import { resultColumns } from '../../../src/ui/features/insight/results-rows';
import { GuidedMode } from '../../../src/ui/features/insight/guided-mode';
import { PoolVerdicts } from '../../../src/ui/features/seeds/pool-verdicts';
import { PooledTable } from '../../../src/ui/features/seeds/pooled-table';
import { dotPoints } from '../../../src/ui/features/seeds/seed-dot-plot';
import { withPooledColumns } from '../../../src/ui/features/seeds/pooled-columns';
import { poolCodes } from '../../../src/ui/seeds/class-pool';
import { pool } from '../../../src/ui/seeds/pooled';
import { encodeShareCode } from '../../../src/ui/seeds/share-code';
import type { SeedResults } from '../../../src/ui/seeds/seed-results';
import { WHY_SEEDS } from '../../../src/ui/seeds/why-seeds';
import { ClassPoolPanel } from '../../../src/ui/features/seeds/class-pool-panel';
import { fingerprintHex, settingsFingerprint } from '../../../src/ui/seeds/fingerprint';
import { defaultSettings } from '../../../src/ui/settings/settings-table';
import { twoMethods } from './charts-fixture';

const fin = (id: number, ood: number) => ({ kind: 'finished' as const, id, ood, step: 92 });
// Three seeds: SGD OOD 70, 72, 74 (mean 72, sd 2, half 2.92 * 2 / sqrt 3 = 3.37); AdamW 75, 71, 80.
const THREE: SeedResults = {
  10: { sgd: fin(0.8, 0.7), adamw: fin(0.82, 0.75), 'sgd-freeze': { kind: 'running' } },
  11: { sgd: fin(0.8, 0.72), adamw: fin(0.81, 0.71), 'sgd-freeze': { kind: 'diverged', step: 40 } },
  12: { sgd: fin(0.8, 0.74), adamw: fin(0.83, 0.8), 'sgd-freeze': fin(0.9, 0.9) },
};

describe('results table over seeds', () => {
  const html = renderToStaticMarkup(
    createElement(ResultsTableView, {
      columns: resultColumns(twoMethods(), PAPER_METHOD_IDS, false),
      model: 'micro vit',
      worstGroup: false,
      pooled: pool(THREE),
    }),
  );

  it('headline row: mean OOD ± 90% interval with n and ID, seeds not counted named', () => {
    expect(html).toContain('micro vit, mean over seeds (best ID)');
    expect(html).toMatch(
      /<td data-method="sgd" data-n="3"><strong data-testid="pooled-ood">72\.0 ± 3\.4<\/strong> <span class="muted">n = 3<\/span> \[ID 80\.0 ± 0\.0\]<\/td>/,
    );
    expect(html).toMatch(
      /data-method="sgd-freeze" data-n="1"><strong data-testid="pooled-ood">90\.0 \(1 seed: no interval\)<\/strong>.*\(1 diverged \(seed 11 at step 40\); 1 still running\)/,
    );
    // The one-seed rows stay under it.
    expect(html.indexOf('mean over seeds')).toBeLessThan(html.indexOf('micro vit, best ID'));
  });

  it('paired differences: interval, ahead on k of n, and the zero sentence', () => {
    // AdamW − SGD: +5, −1, +6: mean 3.333, sd 3.786, half 2.92 * 3.786 / sqrt 3 = 6.383: −3.05 to +9.72.
    expect(html).toContain(
      'AdamW − SGD (momentum 0.9): +3.3 ± 6.4 points OOD (−3.0 to +9.7), AdamW ahead on 2 of 3 seeds; the interval includes 0, so these seeds do not settle which is better.',
    );
    // SGD freeze-embed − AdamW: only seed 12 has both: one seed, no interval.
    expect(html).toMatch(
      /data-pair="sgd-freeze-adamw" data-n="1" data-ahead="1" data-includes-zero="true">SGD freeze-embed − AdamW: \+10\.0 points OOD, SGD freeze-embed ahead on 1 of 1 seed; one seed gives no interval/,
    );
  });

  it('dot plot: a figure with one dot per finished seed and a seed-by-seed data table', () => {
    expect(html).toMatch(/data-testid="seed-dots" data-dots="7"/);
    expect(html).toContain('Data table: OOD % per seed');
    expect(html).toContain('<tr><td>12</td><td>74</td><td>80</td><td>90</td></tr>');
  });

  it('dot plot points: each seed in its method column (nudged), the mean with its interval beside it', () => {
    const pts = dotPoints(pool(THREE).methods);
    expect(pts.map((p) => p.methodId)).toEqual(['sgd', 'adamw', 'sgd-freeze']);
    expect(
      pts[0]?.dots.map((d) => [d.seed, Number(d.x.toFixed(2)), Number(d.y.toFixed(6))]),
    ).toEqual([
      [10, -0.12, 70],
      [11, -0.08, 72],
      [12, -0.04, 74],
    ]);
    expect(pts[0]?.mean[0]?.x).toBe(0.35);
    expect(pts[0]?.mean[0]?.y).toBeCloseTo(72, 9);
    expect(pts[0]?.mean[0]?.err).toBeCloseTo((2.92 * 2) / Math.sqrt(3), 9);
    expect(pts[2]?.mean[0]).toMatchObject({ x: 2.35, err: 0 });
  });

  it('without seeds (a saved run shown), no headline row and no summary', () => {
    const plain = renderToStaticMarkup(
      createElement(ResultsTableView, {
        columns: resultColumns(twoMethods(), PAPER_METHOD_IDS, false),
        model: 'm',
        worstGroup: false,
      }),
    );
    expect(plain).not.toContain('results-pooled');
    expect(plain).not.toContain('paired');
  });
});

describe('pool a class, rendered', () => {
  const fp = 7;
  const a = encodeShareCode({
    fingerprint: fp,
    seeds: { 0: { sgd: fin(0.8, 0.7), adamw: fin(0.8, 0.8) } },
  });
  const b = encodeShareCode({
    fingerprint: fp,
    seeds: {
      0: { sgd: fin(0.8, 0.7), adamw: fin(0.8, 0.8) },
      1: { sgd: fin(0.8, 0.6), adamw: fin(0.8, 0.7) },
    },
  });
  const other = encodeShareCode({ fingerprint: 8, seeds: { 5: { sgd: fin(0.8, 0.7) } } });
  const p = poolCodes([a, b, other, `${a.slice(0, -2)}zz`], fp);

  it('every code accepted or refused with its reason; a duplicate counted once', () => {
    const html = renderToStaticMarkup(createElement(PoolVerdicts, { verdicts: p.verdicts }));
    expect(html).toContain('2 of 4 codes accepted, 2 refused.');
    expect(html).toMatch(/<li data-accepted="true">.*accepted: added seed 0\.<\/li>/);
    expect(html).toContain(
      'accepted: added seed 1; already pooled with the same result, counted once: 0 sgd, 0 adamw.',
    );
    expect(html).toMatch(
      /refused: made under other settings \(settings 00000008, this page 00000007\)/,
    );
    expect(html).toMatch(
      /refused: its checksum does not match: it was changed after it was made \(forged-looking\)/,
    );
  });

  it("the class's table counts seed 0 once", () => {
    const html = renderToStaticMarkup(
      createElement(PooledTable, {
        pooled: pool(p.results),
        labelOf: methodLabel,
        caption: 'class',
      }),
    );
    expect(html).toContain('2 seeds, best ID');
    expect(html).toMatch(
      /data-method="sgd" data-n="2"><strong data-testid="pooled-ood">65\.0 ± 31\.6<\/strong>/,
    );
  });
});

describe('why several seeds', () => {
  it('one sentence, in the guided mode', () => {
    expect(WHY_SEEDS.split(/[.!?](\s|$)/).filter((x) => x.trim().length > 1)).toHaveLength(1);
    expect(
      renderToStaticMarkup(createElement(GuidedMode, { onApplyStep: () => undefined })),
    ).toContain(WHY_SEEDS);
  });
});

describe('results table columns', () => {
  it('a method pooled on other seeds keeps its column, in the paper order', () => {
    const cols = withPooledColumns(
      resultColumns(twoMethods(), PAPER_METHOD_IDS, false),
      pool(THREE),
      PAPER_METHOD_IDS,
    );
    expect(cols.map((c) => c.methodId)).toEqual(['sgd', 'adamw', 'sgd-freeze']);
    expect(cols[1]).toEqual({ methodId: 'adamw', best: null, final: null });
  });
});

describe('the Pool a class panel', () => {
  it('renders empty, with the settings fingerprint the codes must match', () => {
    const html = renderToStaticMarkup(createElement(ClassPoolPanel));
    expect(html).toContain('Pool a class');
    expect(html).toContain(`settings ${fingerprintHex(settingsFingerprint(defaultSettings()))}`);
    expect(html).toContain('data-testid="pool-input"');
    expect(html).not.toContain('pooled-table');
  });
});
