/**
 * A method's step events as a table of columns for the JSON export: one array per field (and
 * per gradient-norm key), rows in step order, so a field name is written once, not once a step,
 * and `pandas.DataFrame(table)` or a spreadsheet reads a column directly. Measured values are
 * rounded to 6 significant digits (the device computes in float32, ~7); counts stay exact.
 * null: a frozen layer or group (no gradient), a parameter with no gradient at that step, a
 * step measured before trainingBytes was, or a non-finite value (JSON has no NaN).
 */
import type { GradNorms, StepEvent } from '../../protocol/messages';
import type { GroupName } from '../../spec/param-spec';

type Column = (number | null)[];

export interface StepTable {
  step: number[];
  epoch: number[];
  totalSteps: number[];
  loss: Column;
  lr: Column;
  stepMs: Column;
  imagesPerSec: Column;
  trainingBytes: Column;
  gradNorm: {
    total: Column;
    perGroup: Record<string, Column>;
    perLayer: Record<string, Column>;
    perParam: Record<string, Column>;
  };
}

/** A measured value for the file: 6 significant digits, null when not finite. */
export function round6(v: number | null | undefined): number | null {
  return v === null || v === undefined || !Number.isFinite(v) ? null : Number(v.toPrecision(6));
}

function normColumns(
  steps: readonly StepEvent[],
  part: (g: GradNorms) => Record<string, number | null>,
): Record<string, Column> {
  const cols: Record<string, Column> = {};
  steps.forEach((s, i) => {
    for (const [k, v] of Object.entries(part(s.gradNorms)))
      (cols[k] ??= new Array<number | null>(steps.length).fill(null))[i] = round6(v);
  });
  return cols;
}

export function stepTable(steps: readonly StepEvent[]): StepTable {
  const col = (f: (s: StepEvent) => number | null | undefined): Column =>
    steps.map((s) => round6(f(s)));
  return {
    step: steps.map((s) => s.step),
    epoch: steps.map((s) => s.epoch),
    totalSteps: steps.map((s) => s.totalSteps),
    loss: col((s) => s.loss),
    lr: col((s) => s.lr),
    stepMs: col((s) => s.stepMs),
    imagesPerSec: col((s) => s.imagesPerSec),
    trainingBytes: steps.map((s) => s.trainingBytes ?? null),
    gradNorm: {
      total: col((s) => s.gradNorms.total),
      perGroup: normColumns(steps, (g) => g.perGroup),
      perLayer: normColumns(steps, (g) => g.perLayer),
      perParam: normColumns(steps, (g) => g.perParam),
    },
  };
}

/** Step events back from a table (a null parameter norm: that parameter had no gradient). */
export function stepsFromTable(t: StepTable): StepEvent[] {
  const num = (v: number | null | undefined): number => (v === null || v === undefined ? NaN : v);
  const row = <T>(cols: Record<string, Column>, i: number, keepNull: boolean): T => {
    const o: Record<string, number | null> = {};
    for (const [k, c] of Object.entries(cols)) {
      const v = c[i] ?? null;
      if (v !== null || keepNull) o[k] = v;
    }
    return o as T;
  };
  return t.step.map((step, i) => {
    const bytes = t.trainingBytes[i];
    return {
      type: 'step',
      step,
      epoch: t.epoch[i] as number,
      totalSteps: t.totalSteps[i] as number,
      loss: num(t.loss[i]),
      lr: num(t.lr[i]),
      gradNorms: {
        perParam: row<Record<string, number>>(t.gradNorm.perParam, i, false),
        perLayer: row<Record<string, number | null>>(t.gradNorm.perLayer, i, true),
        perGroup: row<Record<GroupName, number | null>>(t.gradNorm.perGroup, i, true),
        total: num(t.gradNorm.total[i]),
      },
      stepMs: num(t.stepMs[i]),
      imagesPerSec: num(t.imagesPerSec[i]),
      ...(bytes === null || bytes === undefined ? {} : { trainingBytes: bytes }),
    };
  });
}
