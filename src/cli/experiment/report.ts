/**
 * Markdown tables in the paper's layout from summarised cells: per model, methods x benchmarks
 * with ID and OOD (mean ± 90% interval over seeds), the AdamW-SGD OOD gap with how much
 * freeze-embed recovers, gradient ratios, memory per method, and engine agreement.
 */
import type { CellSummary, GapReading } from './aggregate';
import type { RunRecord } from './record';
import { pct, type Interval } from './stats';

const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)];

/** `xs` in the order of `order` (the recipe's), unknown ones last. */
const sortBy = (xs: string[], order: readonly string[]): string[] =>
  [...xs].sort((a, b) => (order.indexOf(a) + 1 || 1e9) - (order.indexOf(b) + 1 || 1e9));

export function accuracyTables(
  cells: readonly CellSummary[],
  engine: RunRecord['engine'],
  methodLabels: Record<string, string>,
  order: readonly string[] = [],
): string {
  const mine = cells.filter((c) => c.engine === engine);
  const out: string[] = [];
  for (const model of uniq(mine.map((c) => c.model))) {
    const cs = mine.filter((c) => c.model === model);
    const benches = uniq(cs.map((c) => c.benchmark));
    const methods = sortBy(uniq(cs.map((c) => c.method)), order);
    out.push(`#### ${model} (${engine === 'torch' ? 'PyTorch twin' : 'TS engine'})`, '');
    // The paper's layout (methods x benchmarks), at most three benchmarks per table so a
    // table stays readable with the design variants (e.g. acquisition-s10) beside the defaults.
    for (let i = 0; i < benches.length; i += 3) {
      const chunk = benches.slice(i, i + 3);
      out.push(`| method | ${chunk.map((b) => `${b} ID | ${b} OOD`).join(' | ')} |`);
      out.push(`|---|${chunk.map(() => '---|---|').join('')}`);
      for (const m of methods) {
        const row = chunk.map((b) => {
          const c = cs.find((x) => x.benchmark === b && x.method === m);
          return c ? `${pct(c.id)} | ${pct(c.ood)}` : '– | –';
        });
        if (row.some((r) => r !== '– | –'))
          out.push(`| ${methodLabels[m] ?? m} | ${row.join(' | ')} |`);
      }
      out.push('');
    }
    out.push(
      `Learning rate picked by ID validation, and seeds: ${benches
        .map(
          (b) =>
            `${b}: ${methods
              .map((m) => {
                const c = cs.find((x) => x.benchmark === b && x.method === m);
                return c ? `${m} ${c.lr} (n=${c.seeds.length})` : '';
              })
              .filter(Boolean)
              .join(', ')}`,
        )
        .join('; ')}.`,
      '',
    );
  }
  return out.join('\n');
}

export function gapTable(gaps: readonly GapReading[]): string {
  const out = [
    '| engine | model | benchmark | AdamW − SGD, OOD (points) | beyond the seed interval? | SGD freeze-embed recovers |',
    '|---|---|---|---|---|---|',
  ];
  for (const g of gaps) {
    // A share of a gap inside the seed noise means nothing (a 0.1-point gap gives 1000%).
    const rec =
      g.recovered === null
        ? '– (no gap to recover)'
        : g.significant
          ? `${Math.round(100 * g.recovered)}%`
          : '– (gap inside the interval)';
    out.push(
      `| ${g.engine} | ${g.model} | ${g.benchmark} | ${(100 * g.gap).toFixed(1)} | ${g.significant ? 'yes' : 'no'} | ${rec} |`,
    );
  }
  return out.join('\n');
}

export function driftTable(cells: readonly CellSummary[], engine: RunRecord['engine']): string {
  const mine = cells.filter((c) => c.engine === engine && !c.method.includes('freeze'));
  const rows = uniq(mine.map((c) => `${c.model}|${c.benchmark}`));
  const methods = uniq(mine.map((c) => c.method));
  const out = [
    `| model | benchmark | ${methods.map((m) => `${m} embedding drift`).join(' | ')} |`,
    `|---|---|${methods.map(() => '---|').join('')}`,
  ];
  for (const r of rows) {
    const [model, bench] = r.split('|') as [string, string];
    const v = (m: string): string => {
      const c = mine.find((x) => x.model === model && x.benchmark === bench && x.method === m);
      return c ? fmtIv(c.embedDrift, 3) : '–';
    };
    out.push(`| ${model} | ${bench} | ${methods.map(v).join(' | ')} |`);
  }
  return out.join('\n');
}

function fmtIv(iv: Interval, digits: number): string {
  return Number.isNaN(iv.half)
    ? iv.mean.toFixed(digits)
    : `${iv.mean.toFixed(digits)} ± ${iv.half.toFixed(digits)}`;
}

/** Whether the TS engine's cells agree with PyTorch's: the two 90% intervals overlap. */
export function agreementTable(cells: readonly CellSummary[]): string {
  const ts = cells.filter((c) => c.engine === 'tfjs');
  const out = [
    '| model | benchmark | method | PyTorch ID | TS ID | PyTorch OOD | TS OOD | agree (intervals overlap) |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const t of ts) {
    const p = cells.find(
      (c) =>
        c.engine === 'torch' &&
        c.model === t.model &&
        c.benchmark === t.benchmark &&
        c.method === t.method,
    );
    if (!p) continue;
    const overlap = (a: Interval, b: Interval): boolean =>
      Math.abs(a.mean - b.mean) <=
      (Number.isNaN(a.half) ? 0 : a.half) + (Number.isNaN(b.half) ? 0 : b.half);
    out.push(
      `| ${t.model} | ${t.benchmark} | ${t.method} | ${pct(p.id)} | ${pct(t.id)} | ${pct(p.ood)} | ${pct(t.ood)} | ${overlap(p.id, t.id) && overlap(p.ood, t.ood) ? 'yes' : 'no'} |`,
    );
  }
  return out.join('\n');
}

export function runsCsv(records: readonly RunRecord[]): string {
  const head =
    'engine,model,benchmark,method,lr,seed,epochs,batch_size,steps,diverged,best_epoch,best_id,best_ood,final_id,final_ood,embed_drift,seconds';
  const rows = records.map((r) =>
    [
      r.engine,
      r.model,
      r.benchmark,
      r.method,
      r.lr,
      r.seed,
      r.epochs,
      r.batchSize,
      r.steps,
      r.diverged,
      r.best?.epoch ?? '',
      r.best?.id ?? '',
      r.best?.ood ?? '',
      r.final?.id ?? '',
      r.final?.ood ?? '',
      r.embedDrift,
      r.seconds,
    ].join(','),
  );
  return [head, ...rows].join('\n') + '\n';
}
