/**
 * Lesson designs that `npm run experiment -- --preset --design <name>` can confirm on the TS
 * engine, beside the preset in force (src/presets/classroom.ts). Each is the preset with what the
 * design changes (docs/results/lesson-declared.md declares them, docs/results.md reports them).
 */
import { CLASSROOM_PRESET, type ClassroomPreset } from '../../presets/classroom';

const L5: ClassroomPreset = {
  ...CLASSROOM_PRESET,
  epochs: 2,
  methods: [
    { method: 'sgd', lr: 0.01 },
    { method: 'adamw', lr: 1e-3 },
    { method: 'sgd-freeze', lr: 0.01 },
    { method: 'sgd-freeze-nomom', lr: 0.03 },
  ],
};

/** L6: L5 for 3 epochs (138 steps); the no-momentum row at its own twin pick, 0.1. */
const L6: ClassroomPreset = {
  ...L5,
  epochs: 3,
  methods: [
    { method: 'sgd', lr: 0.01 },
    { method: 'adamw', lr: 1e-3 },
    { method: 'sgd-freeze', lr: 0.01 },
    { method: 'sgd-freeze-nomom', lr: 0.1 },
  ],
};

export const LESSON_DESIGNS: Record<string, ClassroomPreset> = { L5, L6 };

export function lessonDesign(name: string | undefined): ClassroomPreset {
  if (!name) return CLASSROOM_PRESET;
  const d = LESSON_DESIGNS[name];
  if (!d) throw new Error(`unknown lesson design "${name}" (known: ${Object.keys(LESSON_DESIGNS).join(', ')})`);
  return d;
}
