/**
 * Lesson designs that `npm run experiment -- --preset --design <name>` can confirm on the TS
 * engine, beside the preset in force (src/presets/classroom.ts). Each is the preset with what the
 * design changes (docs/results/lesson-declared.md declares them, docs/results.md reports them).
 */
import { CLASSROOM_PRESET, type ClassroomPreset } from '../../presets/classroom';

/** L5 is the classroom preset (tests/unit/ui/classroom-preset.test.ts holds its settings). */
const L5: ClassroomPreset = CLASSROOM_PRESET;

/** L6: L5 for 3 epochs (138 steps); the no-momentum row at its own twin pick, 0.1. */
const L6: ClassroomPreset = {
  ...L5,
  epochs: 3,
  methods: L5.methods.map((m) => (m.method === 'sgd-freeze-nomom' ? { ...m, lr: 0.1 } : m)),
};

/**
 * L5-ablation: L5's data and length with the paper's ablation methods, each at the rate the
 * PyTorch twin picked (best mean ID over sweep seeds 100 and 101; docs/results/ablation-declared.md),
 * for the TS confirmation on seeds 200 and 201.
 */
const L5_ABLATION: ClassroomPreset = {
  ...L5,
  methods: [
    { method: 'lamb', lr: 0.01 },
    { method: 'sgd', lr: 0.01 },
    { method: 'adamw', lr: 0.001 },
    { method: 'lars', lr: 0.3 },
    { method: 'gradual-unfreeze', lr: 0.01 },
    { method: 'lp-ft-freeze', lr: 0.003 },
    { method: 'sgd-embed-lr0.2', lr: 0.01 },
    { method: 'sgd-freeze', lr: 0.01 },
    { method: 'lp-ft', lr: 0.001 },
  ],
};

export const LESSON_DESIGNS: Record<string, ClassroomPreset> = {
  L5,
  L6,
  'L5-ablation': L5_ABLATION,
};

export function lessonDesign(name: string | undefined): ClassroomPreset {
  if (!name) return CLASSROOM_PRESET;
  const d = LESSON_DESIGNS[name];
  if (!d)
    throw new Error(
      `unknown lesson design "${name}" (known: ${Object.keys(LESSON_DESIGNS).join(', ')})`,
    );
  return d;
}
