/**
 * The classroom preset (src/presets/classroom.ts) as control values: what the page shows when
 * it opens without a link. The form has one learning rate per optimizer row (SGD + momentum,
 * SGD, AdamW), shared by the row's freeze-embed twin; the preset's methods are checked against
 * that here, so a preset the form cannot show fails loudly at start-up instead of silently
 * training with another rate.
 */
import { CLASSROOM_PRESET, type ClassroomPreset } from '../../presets/classroom';
import { METHOD_CATALOG, type OptimizerRow } from '../../presets/method-catalog';

export interface PresetValues {
  weights: string;
  benchmark: string;
  /** The strength control's value ('default': the benchmark's own). */
  strength: string;
  classes: number[];
  perClass: number;
  valPerClass: number;
  oodPerClass: number;
  batchSize: number;
  epochs: number;
  evalsPerEpoch: number;
  seed: number;
  methods: string[];
  /** The learning rate of each optimizer row the preset uses (rows it does not use keep the paper's default). */
  lr: Partial<Record<OptimizerRow, number>>;
}

export function presetValues(p: ClassroomPreset): PresetValues {
  const lr: Partial<Record<OptimizerRow, number>> = {};
  for (const { method, lr: rate } of p.methods) {
    const m = METHOD_CATALOG.find((c) => c.id === method);
    if (!m)
      throw new Error(`classroom preset: method "${method}" has no control in the method grid`);
    const seen = lr[m.row];
    if (seen !== undefined && seen !== rate) {
      throw new Error(
        `classroom preset: ${method} wants lr ${rate} but its optimizer row "${m.row}" already has ${seen}; the form has one learning rate per row`,
      );
    }
    lr[m.row] = rate;
  }
  const ids = p.methods.map((m) => m.method);
  return {
    weights: p.model,
    benchmark: p.benchmark,
    strength: p.strength === undefined ? 'default' : String(p.strength),
    classes: [...p.data.classes].sort((a, b) => a - b),
    perClass: p.data.trainPerClass,
    valPerClass: p.data.valPerClass,
    oodPerClass: p.data.oodPerClass,
    batchSize: p.batchSize,
    epochs: p.epochs,
    evalsPerEpoch: p.evalsPerEpoch,
    seed: p.seed,
    // The grid's order, as the method list setting normalises it.
    methods: METHOD_CATALOG.map((m) => m.id).filter((id) => ids.includes(id)),
    lr,
  };
}

export const PRESET = presetValues(CLASSROOM_PRESET);
